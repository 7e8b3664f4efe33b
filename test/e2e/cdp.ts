/**
 * A minimal Chrome DevTools Protocol client over one target's WebSocket (webSocketDebuggerUrl from
 * http://127.0.0.1:<port>/json/list). Used for the extension popup, which Chromium exposes as a
 * CDP target but Playwright does not surface as a Page.
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

export class CdpClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, ((params: Record<string, unknown>) => void)[]>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event: MessageEvent) => this.onMessage(String(event.data)));
    socket.addEventListener('close', () => {
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
    const msg = JSON.parse(raw) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown> };
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`CDP error: ${msg.error.message}`));
      else p.resolve(msg.result);
    } else if (msg.method) {
      for (const fn of this.listeners.get(msg.method) ?? []) fn(msg.params ?? {});
    }
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, timeout = 10_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`CDP ${method} timed out`));
      }, timeout);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  on(method: string, fn: (params: Record<string, unknown>) => void): void {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), fn]);
  }

  /** Runtime.evaluate in the target's main world; returns the value (JSON-serialisable) or throws the page's exception. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send<{ result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', {
      expression,
      returnByValue: true,
      awaitPromise: true,
    });
    if (r.exceptionDetails) throw new Error(`evaluate failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  }

  close(): void {
    this.socket.close();
  }
}
