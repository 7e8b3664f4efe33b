import { afterEach, describe, expect, it } from 'vitest';
import { libraryServices } from './library-service-harness';

const RECORDS = [
  '{"id":"fc-a","claim":"The moon is made of cheese.","rating":"False","publisher":"Check A","url":"https://a.example/moon","reviewDate":"2025-01-02"}',
  '{"id":"fc-b","claim":"Water boils at 100 degrees at sea level.","rating":"True","publisher":"Check B","url":"https://b.example/water","reviewDate":"2025-03-04"}',
].join('\n');

const { start, wipe } = libraryServices();
afterEach(wipe);

describe('fact-checks in the library service: listed and removable', () => {
  it('lists imported records newest review first, and removes one for good (also after a restart)', async () => {
    const svc = await start();
    await svc.import('checks.jsonl', RECORDS);
    expect(svc.listFactChecks().map((f) => f.id)).toEqual(['fc-b', 'fc-a']);
    expect(await svc.removeFactCheck('fc-b')).toBe(true);
    expect(await svc.removeFactCheck('fc-b')).toBe(false);
    expect(svc.listFactChecks().map((f) => f.id)).toEqual(['fc-a']);
    svc.close();
    const again = await start();
    expect(again.listFactChecks().map((f) => f.id)).toEqual(['fc-a']);
  });
});
