/**
 * The outlet registry: who publishes news, under which names and on which domains. Data, typed and
 * ordered. It decides where the content script runs (the manifest's `content_scripts.matches` is
 * generated from it at build time, https only) and links a story's source names to domains.
 */
export interface Outlet {
  /** Stable id, lower-case. */
  id: string;
  /** Display name. */
  name: string;
  /** Other names stories use for it ("AP", "Associated Press"). */
  aliases: readonly string[];
  /** Registrable domains; subdomains (edition.cnn.com) are covered. */
  domains: readonly string[];
}

const LIST = [
  // The reference story's outlets (data/ukraine-ceasefire-2026-02.txt).
  { id: 'ap', name: 'AP', aliases: ['Associated Press', 'AP News', 'The Associated Press'], domains: ['apnews.com'] },
  { id: 'bbc', name: 'BBC', aliases: ['BBC News', 'British Broadcasting Corporation'], domains: ['bbc.com', 'bbc.co.uk'] },
  { id: 'cnn', name: 'CNN', aliases: ['Cable News Network', 'CNN International'], domains: ['cnn.com'] },
  { id: 'newsweek', name: 'Newsweek', aliases: [], domains: ['newsweek.com'] },
  // Then alphabetical by id.
  { id: 'abc-au', name: 'ABC News (Australia)', aliases: ['ABC Australia', 'Australian Broadcasting Corporation'], domains: ['abc.net.au'] },
  // abcnews.go.com, not go.com: go.com is Disney's shared host.
  { id: 'abc-news', name: 'ABC News', aliases: ['ABC', 'ABC News (US)'], domains: ['abcnews.go.com'] },
  { id: 'afp', name: 'AFP', aliases: ['Agence France-Presse', 'Agence France Presse'], domains: ['afp.com'] },
  { id: 'age', name: 'The Age', aliases: [], domains: ['theage.com.au'] },
  { id: 'al-jazeera', name: 'Al Jazeera', aliases: ['Al Jazeera English', 'Aljazeera'], domains: ['aljazeera.com'] },
  { id: 'arab-news', name: 'Arab News', aliases: [], domains: ['arabnews.com'] },
  { id: 'ars-technica', name: 'Ars Technica', aliases: [], domains: ['arstechnica.com'] },
  { id: 'atlantic', name: 'The Atlantic', aliases: [], domains: ['theatlantic.com'] },
  { id: 'axios', name: 'Axios', aliases: [], domains: ['axios.com'] },
  { id: 'bloomberg', name: 'Bloomberg', aliases: ['Bloomberg News'], domains: ['bloomberg.com'] },
  { id: 'boston-globe', name: 'The Boston Globe', aliases: [], domains: ['bostonglobe.com'] },
  { id: 'business-insider', name: 'Business Insider', aliases: ['Insider'], domains: ['businessinsider.com'] },
  { id: 'cbc', name: 'CBC News', aliases: ['CBC', 'Canadian Broadcasting Corporation'], domains: ['cbc.ca'] },
  { id: 'cbs-news', name: 'CBS News', aliases: ['CBS'], domains: ['cbsnews.com'] },
  { id: 'chicago-tribune', name: 'Chicago Tribune', aliases: [], domains: ['chicagotribune.com'] },
  { id: 'cna', name: 'CNA', aliases: ['Channel NewsAsia'], domains: ['channelnewsasia.com'] },
  { id: 'cnbc', name: 'CNBC', aliases: [], domains: ['cnbc.com'] },
  { id: 'ctv-news', name: 'CTV News', aliases: ['CTV'], domains: ['ctvnews.ca'] },
  { id: 'daily-beast', name: 'The Daily Beast', aliases: [], domains: ['thedailybeast.com'] },
  { id: 'daily-mail', name: 'Daily Mail', aliases: ['MailOnline', 'Mail Online', 'DailyMail.com'], domains: ['dailymail.co.uk', 'dailymail.com'] },
  { id: 'dawn', name: 'Dawn', aliases: [], domains: ['dawn.com'] },
  { id: 'dw', name: 'DW', aliases: ['Deutsche Welle', 'DW News'], domains: ['dw.com'] },
  { id: 'economist', name: 'The Economist', aliases: [], domains: ['economist.com'] },
  { id: 'engadget', name: 'Engadget', aliases: [], domains: ['engadget.com'] },
  { id: 'euronews', name: 'Euronews', aliases: [], domains: ['euronews.com'] },
  { id: 'evening-standard', name: 'Evening Standard', aliases: ['London Evening Standard', 'The Standard'], domains: ['standard.co.uk'] },
  { id: 'express', name: 'Daily Express', aliases: ['Express'], domains: ['express.co.uk'] },
  { id: 'financial-times', name: 'Financial Times', aliases: ['FT'], domains: ['ft.com'] },
  { id: 'forbes', name: 'Forbes', aliases: [], domains: ['forbes.com'] },
  { id: 'fortune', name: 'Fortune', aliases: [], domains: ['fortune.com'] },
  { id: 'fox-news', name: 'Fox News', aliases: ['Fox News Digital', 'Fox News Channel'], domains: ['foxnews.com'] },
  { id: 'france-24', name: 'France 24', aliases: ['France24'], domains: ['france24.com'] },
  { id: 'global-news', name: 'Global News', aliases: [], domains: ['globalnews.ca'] },
  { id: 'globe-and-mail', name: 'The Globe and Mail', aliases: [], domains: ['theglobeandmail.com'] },
  { id: 'guardian', name: 'The Guardian', aliases: ['Guardian News'], domains: ['theguardian.com'] },
  { id: 'haaretz', name: 'Haaretz', aliases: [], domains: ['haaretz.com'] },
  { id: 'hill', name: 'The Hill', aliases: [], domains: ['thehill.com'] },
  { id: 'hindu', name: 'The Hindu', aliases: [], domains: ['thehindu.com'] },
  { id: 'hindustan-times', name: 'Hindustan Times', aliases: [], domains: ['hindustantimes.com'] },
  { id: 'huffpost', name: 'HuffPost', aliases: ['Huffington Post', 'HuffPost UK'], domains: ['huffpost.com', 'huffingtonpost.co.uk'] },
  { id: 'independent', name: 'The Independent', aliases: [], domains: ['independent.co.uk'] },
  { id: 'irish-times', name: 'The Irish Times', aliases: [], domains: ['irishtimes.com'] },
  { id: 'itv-news', name: 'ITV News', aliases: ['ITV'], domains: ['itv.com'] },
  { id: 'japan-times', name: 'The Japan Times', aliases: [], domains: ['japantimes.co.jp'] },
  { id: 'jerusalem-post', name: 'The Jerusalem Post', aliases: ['JPost'], domains: ['jpost.com'] },
  { id: 'kyiv-independent', name: 'The Kyiv Independent', aliases: [], domains: ['kyivindependent.com'] },
  { id: 'kyiv-post', name: 'Kyiv Post', aliases: [], domains: ['kyivpost.com'] },
  { id: 'la-times', name: 'Los Angeles Times', aliases: ['LA Times', 'L.A. Times'], domains: ['latimes.com'] },
  { id: 'meduza', name: 'Meduza', aliases: [], domains: ['meduza.io'] },
  { id: 'mirror', name: 'The Mirror', aliases: ['Daily Mirror'], domains: ['mirror.co.uk'] },
  { id: 'moscow-times', name: 'The Moscow Times', aliases: [], domains: ['themoscowtimes.com'] },
  { id: 'nbc-news', name: 'NBC News', aliases: ['NBC'], domains: ['nbcnews.com'] },
  { id: 'ndtv', name: 'NDTV', aliases: [], domains: ['ndtv.com'] },
  { id: 'new-yorker', name: 'The New Yorker', aliases: [], domains: ['newyorker.com'] },
  { id: 'news-com-au', name: 'news.com.au', aliases: [], domains: ['news.com.au'] },
  { id: 'npr', name: 'NPR', aliases: ['National Public Radio'], domains: ['npr.org'] },
  { id: 'ny-post', name: 'New York Post', aliases: ['NY Post'], domains: ['nypost.com'] },
  { id: 'nyt', name: 'The New York Times', aliases: ['NYT', 'NY Times', 'NYTimes'], domains: ['nytimes.com'] },
  { id: 'nz-herald', name: 'The New Zealand Herald', aliases: ['NZ Herald'], domains: ['nzherald.co.nz'] },
  { id: 'pbs', name: 'PBS News', aliases: ['PBS NewsHour', 'PBS'], domains: ['pbs.org'] },
  { id: 'politico', name: 'Politico', aliases: ['Politico Europe'], domains: ['politico.com', 'politico.eu'] },
  { id: 'reuters', name: 'Reuters', aliases: [], domains: ['reuters.com'] },
  { id: 'rferl', name: 'Radio Free Europe/Radio Liberty', aliases: ['RFE/RL', 'Radio Free Europe'], domains: ['rferl.org'] },
  { id: 'rnz', name: 'RNZ', aliases: ['Radio New Zealand'], domains: ['rnz.co.nz'] },
  { id: 'scmp', name: 'South China Morning Post', aliases: ['SCMP'], domains: ['scmp.com'] },
  // news.sky.com, not sky.com: sky.com is Sky's broadband and TV shop.
  { id: 'sky-news', name: 'Sky News', aliases: [], domains: ['news.sky.com'] },
  { id: 'smh', name: 'The Sydney Morning Herald', aliases: ['SMH'], domains: ['smh.com.au'] },
  { id: 'straits-times', name: 'The Straits Times', aliases: [], domains: ['straitstimes.com'] },
  { id: 'sun', name: 'The Sun', aliases: [], domains: ['thesun.co.uk'] },
  { id: 'techcrunch', name: 'TechCrunch', aliases: [], domains: ['techcrunch.com'] },
  { id: 'telegraph', name: 'The Telegraph', aliases: ['Daily Telegraph'], domains: ['telegraph.co.uk'] },
  { id: 'time', name: 'Time', aliases: ['Time magazine'], domains: ['time.com'] },
  { id: 'times', name: 'The Times', aliases: ['Times of London', 'The Sunday Times'], domains: ['thetimes.com', 'thetimes.co.uk'] },
  // timesofindia.indiatimes.com, not indiatimes.com: the Times Group's portal for many titles.
  { id: 'times-of-india', name: 'The Times of India', aliases: [], domains: ['timesofindia.indiatimes.com'] },
  { id: 'times-of-israel', name: 'The Times of Israel', aliases: [], domains: ['timesofisrael.com'] },
  { id: 'toronto-star', name: 'Toronto Star', aliases: [], domains: ['thestar.com'] },
  { id: 'usa-today', name: 'USA Today', aliases: [], domains: ['usatoday.com'] },
  { id: 'verge', name: 'The Verge', aliases: [], domains: ['theverge.com'] },
  { id: 'voa', name: 'Voice of America', aliases: ['VOA', 'VOA News'], domains: ['voanews.com'] },
  { id: 'vox', name: 'Vox', aliases: [], domains: ['vox.com'] },
  { id: 'washington-post', name: 'The Washington Post', aliases: ['WaPo'], domains: ['washingtonpost.com'] },
  { id: 'wired', name: 'Wired', aliases: [], domains: ['wired.com'] },
  { id: 'wsj', name: 'The Wall Street Journal', aliases: ['WSJ'], domains: ['wsj.com'] },
] as const satisfies readonly Outlet[];

/** Ids of the known outlets. */
export type OutletId = (typeof LIST)[number]['id'];

/**
 * Reference-story outlets first, then alphabetical by id. Domains are what a reader's address bar
 * shows, without www; a domain is never a shared host (go.com, sky.com, indiatimes.com) but the
 * outlet's own subdomain of it. Aggregators that republish others (MSN, Yahoo News) are left out.
 */
export const OUTLETS: readonly Outlet[] = LIST;

const fold = (s: string) => s.normalize('NFKC').toLowerCase().trim().replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();

const byName = new Map<string, Outlet>();
for (const o of OUTLETS) for (const n of [o.name, ...o.aliases]) byName.set(fold(n), o);

/** The outlet a story calls by this name, if known. */
export function outletByName(name: string): Outlet | undefined {
  return byName.get(fold(name));
}

/** The outlet that publishes on this host (subdomains included), if known. */
export function outletByHost(host: string): Outlet | undefined {
  const h = host.toLowerCase().replace(/^www\./, '');
  return OUTLETS.find((o) => o.domains.some((d) => h === d || h.endsWith(`.${d}`)));
}

/** Match patterns for the manifest, https only; `*.d` covers the bare domain and every subdomain. */
export function contentScriptMatches(outlets: readonly Outlet[] = OUTLETS): string[] {
  return outlets.flatMap((o) => o.domains.map((d) => `https://*.${d}/*`));
}
