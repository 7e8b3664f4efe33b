/** A story as readable terminal text: title, sources, timeline in date order, summary with citations. */
import type { Story } from '../src/core/story/model';
import { dateSortKey, formatDate } from '../src/core/text/format';
import { closeBidi, terminalSafe } from './terminal';

export interface RenderOptions {
  color: boolean;
  width?: number;
}

/** The story for a terminal: every string of it neutralised first (`terminalSafe`), then laid out. */
export function renderStory(input: Story, opts: RenderOptions): string {
  const story = terminalSafe(input);
  const width = opts.width ?? 100;
  const bold = (s: string) => (opts.color ? `\u001b[1m${s}\u001b[22m` : s);
  const dim = (s: string) => (opts.color ? `\u001b[2m${s}\u001b[22m` : s);
  const cite = (c: number[]) => (c.length ? ` ${c.map((n) => `[${n}]`).join('')}` : '');
  const out: string[] = [];

  out.push(bold(story.title));
  const meta = [`${story.articleCount} articles`, `${story.sources.length} sources`, `id ${story.id}`];
  if (story.updated) meta.unshift(`updated ${story.updated}`);
  out.push(dim(meta.join(' · ')), '');

  out.push(bold('Sources'));
  for (const s of story.sources) {
    const head = `${String(s.n).padStart(3)}. ${s.outlet}${s.title ? `: ${s.title}` : ''}`;
    out.push(...wrap(head, width, '     '));
    if (s.description) out.push(...wrap(s.description, width, '     ', '     ').map((l) => dim(l)));
    if (s.url) out.push(dim(`     ${s.url}`));
  }
  out.push('');

  if (story.timeline.length) {
    out.push(bold('Timeline'));
    const sorted = story.timeline.map((e, i) => ({ e, i })).sort((a, b) => dateSortKey(a.e.date).localeCompare(dateSortKey(b.e.date)) || a.i - b.i);
    const dates = sorted.map(({ e }) => formatDate(e.date, e.precision, 'en-US', e.label));
    const pad = Math.max(...dates.map((d) => d.length));
    sorted.forEach(({ e }, i) => {
      const lines = wrap(`${e.text}${cite(e.citations)}`, width - pad - 3, '');
      out.push(`${(dates[i] ?? '').padEnd(pad)} – ${lines[0] ?? ''}`);
      for (const l of lines.slice(1)) out.push(`${' '.repeat(pad + 3)}${l}`);
    });
    out.push('');
  }

  out.push(bold('Summary'));
  for (const section of story.summary) {
    if (section.heading) out.push(bold(section.heading));
    const text = section.sentences.map((s) => `${s.text}${cite(s.citations)}`).join(' ');
    out.push(...wrap(text, width, ''), '');
  }

  if (story.perspectives.length) {
    out.push(bold('Perspectives'));
    for (const p of story.perspectives) {
      out.push(...wrap(`- ${p.text}${p.sources.length ? ` (${p.sources.map((s) => s.name).join(', ')})` : ''}`, width, '  '));
    }
    out.push('');
  }
  if (story.articles.length) {
    out.push(bold(`All related articles (${story.articles.length})`));
    for (const a of story.articles) out.push(...wrap(`- ${a.outlet}: ${a.title}`, width, '  '));
    out.push('');
  }
  if (story.links.length) {
    out.push(bold('External resources'));
    for (const l of story.links) out.push(`- ${l.url} (cited ${l.cited} ${l.cited === 1 ? 'time' : 'times'})`);
    out.push('');
  }
  return `${out.flatMap((l) => l.split('\n')).map(closeBidi).join('\n')}\n`;
}

/** Word-wraps `text`; continuation lines get `indent`, the first line `first`. */
function wrap(text: string, width: number, indent: string, first = ''): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.trim() && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line.trim() ? `${line} ${word}` : line + word;
  }
  if (line.trim()) lines.push(line);
  return lines;
}
