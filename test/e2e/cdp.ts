/**
 * A minimal Chrome DevTools Protocol client over one target's WebSocket (webSocketDebuggerUrl from
 * http://127.0.0.1:<port>/json/list). Used for the extension popup, which Chromium exposes as a
 * CDP target but Playwright does not surface as a Page.
 *
 * One socket can also carry several targets' sessions ("flat" sessions, Target.attachToTarget or
 * Target.setAutoAttach with flatten: true on the browser's own socket): `session(id)` talks to one.
 *
 * WebSocket: Node 22+ has a global one; on Node 20 it exists behind --experimental-websocket, which
 * vitest.e2e.config.ts passes to the test workers. As a last resort the `ws` package (a dependency
 * of puppeteer-core) is used if it resolves.
 */

type WebSocketClass = new (url: string) => WebSocket;

async function webSocketClass(): Promise<WebSocketClass> {
  const global = (globalThis as { WebSocket?: WebSocketClass }).WebSocket;
  if (global) return global;
  const name = 'ws';
  try {
    const mod = (await import(/* @vite-ignore */ name)) as { default: WebSocketClass };
    return mod.default;
  } catch {
    throw new Error('No WebSocket implementation: use Node 22+, or run Node 20 with --experimental-websocket (vitest.e2e.config.ts does), or install `ws`');
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface CdpTarget {
  id: string;
  type: string;
  url: string;
  title: string;
  webSocketDebuggerUrl?: string;
}

/** The targets the browser's DevTools HTTP endpoint lists (pages, popups, workers…). */
export async function listTargets(debugPort: number): Promise<CdpTarget[]> {
  const res = await fetch(`http://127.0.0.1:${debugPort}/json/list`);
  if (!res.ok) throw new Error(`GET /json/list answered ${res.status}`);
  return (await res.json()) as CdpTarget[];
}

/** The browser's own DevTools socket (not one target's): Target.*, Extensions.*, Browser.* live there. */
export async function browserSocketUrl(debugPort: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${debugPort}/json/version`);
  if (!res.ok) throw new Error(`GET /json/version answered ${res.status}`);
  return ((await res.json()) as { webSocketDebuggerUrl: string }).webSocketDebuggerUrl;
}

type Listener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

interface EvaluateReply {
  result: { value?: unknown };
  exceptionDetails?: { text: string; exception?: { description?: string } };
}

function evaluated<T>(r: EvaluateReply): T {
  if (r.exceptionDetails) throw new Error(`evaluate failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
  return r.result.value as T;
}

/** One flat session on a shared socket. */
export interface CdpSession {
  readonly sessionId: string;
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>, timeout?: number): Promise<T>;
  evaluate<T>(expression: string): Promise<T>;
}

export class CdpClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Listener[]>();
  private closed = false;

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event: MessageEvent) => this.onMessage(String(event.data)));
    socket.addEventListener('close', () => {
      this.closed = true;
      for (const [, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new Error('CDP socket closed'));
      }
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<CdpClient> {
    const WS = await webSocketClass();
    const socket = new WS(url);
    await new Promise<void>((ok, fail) => {
      socket.addEventListener('open', () => ok());
      socket.addEventListener('error', () => fail(new Error(`cannot open CDP socket ${url}`)));
    });
    return new CdpClient(socket);
  }

  private onMessage(raw: string): void {
    const msg = JSON.parse(raw) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`CDP error: ${msg.error.message}`));
      else p.resolve(msg.result);
    } else if (msg.method) {
      for (const fn of this.listeners.get(msg.method) ?? []) fn(msg.params ?? {}, msg.sessionId);
    }
  }

  /** Sends a command to the socket's target, or to the flat session `sessionId` on it. */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, timeout = 10_000, sessionId?: string): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`CDP ${method}: the socket is closed`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`CDP ${method} timed out`));
      }, timeout);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.socket.send(JSON.stringify(sessionId === undefined ? { id, method, params } : { id, method, params, sessionId }));
    });
  }

  /** Listens to an event; `sessionId` tells which flat session sent it (undefined: the socket's own target). */
  on(method: string, fn: Listener): void {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), fn]);
  }

  /** Runtime.evaluate in the target's main world; returns the value (JSON-serialisable) or throws the page's exception. */
  async evaluate<T>(expression: string): Promise<T> {
    return evaluated<T>(await this.send<EvaluateReply>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }));
  }

  /** A flat session on this socket. */
  session(sessionId: string): CdpSession {
    return {
      sessionId,
      send: (method, params = {}, timeout = 10_000) => this.send(method, params, timeout, sessionId),
      evaluate: async <T>(expression: string) =>
        evaluated<T>(await this.send<EvaluateReply>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, 10_000, sessionId)),
    };
  }

  close(): void {
    this.socket.close();
  }
}
