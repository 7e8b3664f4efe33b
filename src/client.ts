/** The extension pages' side of the message protocol (the popup and the options page): a typed send that always answers. */
import browser from 'webextension-polyfill';
import type { MessageType, Payload, Response } from './messages';

export async function sendMessage<K extends MessageType>(type: K, payload: Payload<K>): Promise<Response<K>> {
  try {
    const reply = (await browser.runtime.sendMessage({ type, payload })) as Response<K> | undefined;
    return reply ?? { ok: false, error: 'The background did not answer.' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export type Send = typeof sendMessage;
