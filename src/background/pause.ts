/**
 * A pause in long work: the background lets the messages and events queued meanwhile be answered
 * first, then goes on. A message to itself (MessageChannel) rather than `setTimeout(0)`, which the
 * browser delays by 4 ms once timers nest and which long work in many steps would pay at each one.
 */
export function pause(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
