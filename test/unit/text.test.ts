import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeByRegex, WordNumbers, words } from '../../src/core/text/tokens';
import { foldTitle, keyHash, normaliseUrl, normaliseUrlByParser, numbersHash, urlHash } from '../../src/core/match/keys';
import { isoMs, KeyIndex } from '../../src/core/match/matcher';
import { importBytes } from '../../src/core/story/import';
import { KAGI_PATH, readBytes, UCI_PATH } from './helpers';
import { seededRandom } from '../support/random';

describe('tokenize', () => {
  it('reads words, joiners, possessives, acronyms and stop words as the reference tokenizer does', () => {
    expect(tokenize("Putin's week-long pause: U.S. says it ends Feb. 1, 2026")).toEqual(['putin', 'week', 'long', 'pause', 'us', 'end', 'feb', '1', '2026']);
    expect(tokenize('Russian strikes -- massive barrage')).toEqual(['russia', 'attack', 'large', 'attack']);
    expect(tokenize('rock`n`roll')).toEqual(tokenizeByRegex('rock`n`roll'));
  });

  it('the ASCII fast path gives exactly the reference tokens on random text', () => {
    const rand = seededRandom(31);
    const alphabet = "abcXYZ09 .-'`,;:!?\"()/&\t\nThe U.S. Kremlin's cease-fire 2026-02-01 e.g. ’—“éßİ中";
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const len = Math.floor(rand() * 40);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      expect(tokenize(s), JSON.stringify(s)).toEqual(tokenizeByRegex(s));
    }
  });

  it('word numbers name exactly the words the tokenizer reads, the same number for the same word', () => {
    const rand = seededRandom(12);
    const alphabet = "abcXYZ09 .-'`,;:!?\"()/&\t\nThe U.S. Kremlin's cease-fire Zelenskyy Zelenskyj café naïve";
    const table = new WordNumbers();
    const seen = new Map<string, number>();
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const len = Math.floor(rand() * 60);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const nos: number[] = [];
      table.scan(s, true, nos);
      expect(nos.map((no) => table.words[no]), JSON.stringify(s)).toEqual(words(s));
      for (const no of nos) {
        const w = table.words[no] as string;
        expect(seen.get(w) ?? no).toBe(no);
        seen.set(w, no);
      }
    }
    expect(table.words.length).toBe(seen.size);
    expect(table.words.length).toBeGreaterThan(1000);
    const unknown: number[] = [];
    table.scan('Zzzunheard-of words here', false, unknown);
    expect(unknown[0]).toBe(-1);
    expect(table.words).not.toContain('zzzunheard-of');
  });

  it('the ASCII fast path gives exactly the reference tokens on every headline and summary of the dev stories', () => {
    const stories = [...importBytes(readBytes(UCI_PATH), 'uci'), ...importBytes(readBytes(KAGI_PATH), 'kagi')];
    expect(stories.length).toBeGreaterThan(50);
    let texts = 0;
    for (const s of stories) {
      for (const t of [s.title, ...s.articles.map((a) => a.title), ...s.sources.flatMap((x) => [x.title, x.description ?? '']), ...s.summary.map((x) => x.text)]) {
        expect(tokenize(t)).toEqual(tokenizeByRegex(t));
        texts++;
      }
    }
    expect(texts).toBeGreaterThan(1000);
  });
});

describe('exact-match keys', () => {
  it('a plain article link takes the fast path and gets the key the URL parser gives', () => {
    const cases = [
      'https://www.CNN.com/2026/01/30/europe/ukraine-russia-energy-pause-intl/',
      'https://apnews.com/article/russia-ukraine-war-5f1c3a',
      'http://bbc.co.uk/news/world-europe-1234',
      'https://edition.cnn.com',
      'https://example.com//double//slash/',
      'https://example.com/a/./b/../c',
      'https://example.com/%2E%2E/x',
      'https://0x7f.1/path',
      'https://127.0.0.1/path',
      'https://xn--nxasmq6b.com/x',
      'https://xn--a-/x',
      'https://example.com:443/x',
      'https://user@example.com/x',
      'https://example.com/x?id=12&utm_source=feed#top',
      'https://example.com/a b',
      'https://example.com/caf\u00e9',
      "https://example.com/it's-(here)!;a=b,c:d@e~f_g",
      'ftp://example.com/x',
      'not a url',
    ];
    for (const u of cases) {
      expect(normaliseUrl(u), u).toBe(normaliseUrlByParser(u));
      const key = normaliseUrl(u);
      expect(urlHash(u), u).toBe(key ? keyHash(key) : -1);
    }
    expect(urlHash('https://WWW.Example.com/A/b///')).toBe(keyHash('example.com/a/b'));
  });

  it('agrees with the URL parser on random links', () => {
    const rand = seededRandom(77);
    const hosts = ['cnn.com', 'www.bbc.co.uk', 'WWW.CNN.com', 'www.com', 'wwwx.com', 'XN--abc.com', 'a.b9', 'a.9b', 'www.', '.x.com', 'x..com', 'cnn.com:8443', 'u@cnn.com', 'Www.Example.COM', 'ex.xn--p1ai', 'A-b.example', '10.0.0.1', 'x.0', 'ex-.com', 'sub.domain.news'];
    const pathChars = "abcXYZ019-._~%2eE/!$&'()*+,;=:@ ?#\\|^[]{}<>\"`xn--é";
    for (let n = 0; n < 3000; n++) {
      let path = '';
      const len = Math.floor(rand() * 16);
      for (let i = 0; i < len; i++) path += pathChars[Math.floor(rand() * pathChars.length)];
      const u = `${['https', 'http', 'HTTPS', 'Http', 'ftp', 'httpx'][Math.floor(rand() * 6)]}://${hosts[Math.floor(rand() * hosts.length)]}${rand() < 0.9 ? '/' : ''}${path}`;
      expect(normaliseUrl(u), u).toBe(normaliseUrlByParser(u));
      const key = normaliseUrl(u);
      expect(urlHash(u), u).toBe(key ? keyHash(key) : -1);
    }
  });

  it('an exact-key index keeps every story that lists a key, in order, and forgets only the one removed', () => {
    const index = new KeyIndex();
    index.add(7, 0);
    index.add(7, 0);
    index.add(7, 3);
    index.add(9, 1);
    expect(index.get(7)).toEqual([0, 3]);
    index.delete(7, 0);
    expect(index.get(7)).toEqual([3]);
    index.delete(7, 5);
    expect(index.get(7)).toEqual([3]);
    index.delete(7, 3);
    expect(index.get(7)).toEqual([]);
    expect(index.get(9)).toEqual([1]);
  });

  it('an exact-key index agrees with a plain model through thousands of random adds and removals', () => {
    const rand = seededRandom(41);
    const index = new KeyIndex();
    const model = new Map<number, number[]>();
    // Stories are numbered in increasing order, as the matcher adds them; a removed one never comes back.
    let doc = 0;
    const removed = new Set<number>();
    for (let step = 0; step < 20_000; step++) {
      // Few distinct hashes, some sharing low bits, so that probing, buckets and regrowth are all used.
      const h = Math.floor(rand() * 3000) * (rand() < 0.5 ? 1 : 4096);
      const docs = model.get(h) ?? [];
      if (rand() < 0.7) {
        if (rand() < 0.3) doc++;
        if (removed.has(doc)) continue;
        if (!docs.includes(doc)) docs.push(doc);
        model.set(h, docs);
        index.add(h, doc);
      } else {
        const gone = docs[Math.floor(rand() * docs.length)] ?? doc;
        if (rand() < 0.2) removed.add(gone);
        model.set(h, docs.filter((d) => d !== gone));
        index.delete(h, gone);
      }
      if (step % 997 === 0) for (const [k, v] of model) expect(index.get(k), `hash ${k}`).toEqual(v);
    }
    for (const [k, v] of model) expect(index.get(k)).toEqual(v);
    expect(index.get(123_456_789)).toEqual([]);
  });

  it('key hashes are small non-negative integers that tell keys apart', () => {
    const rand = seededRandom(9);
    const hashes = new Set<number>();
    for (let n = 0; n < 20_000; n++) {
      const h = keyHash(`https://example.com/${n}/${Math.floor(rand() * 1e9).toString(36)}`);
      expect(h >= 0 && h < 2 ** 30 && Number.isInteger(h)).toBe(true);
      hashes.add(h);
      const g = numbersHash([n, n + 1, Math.floor(rand() * 1e6)]);
      expect(g >= 0 && g < 2 ** 30).toBe(true);
    }
    // 20,000 keys in 2^30 slots: a handful of shared hashes at most.
    expect(hashes.size).toBeGreaterThan(19_990);
  });

  it('a headline key is its folded words, without the outlet suffix pages add', () => {
    expect(foldTitle('Putin agrees to week-long pause - CNN')).toBe(foldTitle('PUTIN AGREES TO WEEK-LONG PAUSE'));
    expect(foldTitle('“Kyiv’s” energy pause | AP News')).toBe("kyiv's energy pause");
    expect(foldTitle('Zelensky: Russia broke the pause')).toBe('zelensky russia broke the pause');
  });
});

describe('story dates', () => {
  it('isoMs reads dates exactly as Date.parse does', () => {
    const rand = seededRandom(5);
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const samples = ['2026-02-30', '2026-13-01', '2026-00-10', '2026-02-28T24:00:00Z', '2026-01-31T23:59:59Z', '2026-01-29T10:00:00+02:00', '2026-01-29T10:00:00.123Z', 'Jan 29, 2026', ''];
    for (let n = 0; n < 2000; n++) {
      const date = `${pad(1900 + Math.floor(rand() * 200), 4)}-${pad(Math.floor(rand() * 14))}-${pad(Math.floor(rand() * 33))}`;
      samples.push(rand() < 0.3 ? date : `${date}T${pad(Math.floor(rand() * 25))}:${pad(Math.floor(rand() * 61))}:${pad(Math.floor(rand() * 61))}Z`);
    }
    for (const s of samples) expect(isoMs(s), s).toBe(Date.parse(s));
  });
});
