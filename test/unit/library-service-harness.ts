/**
 * Library services over fake-indexeddb for the service tests: each test starts services on the
 * built-in reference story (a restart is one more start on the same database) and wipes the database
 * after, closing every service first (an open connection blocks the deletion).
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { LibraryService, type ServiceOptions } from '../../src/background/service';
import { DB_NAME } from '../../src/background/store';
import { importBytes } from '../../src/core/story/import';
import type { Story } from '../../src/core/story/model';
import { REFERENCE_PATH } from './helpers';

export const builtin = (): Story[] => importBytes(readFileSync(REFERENCE_PATH), REFERENCE_PATH);

export function libraryServices(options: ServiceOptions = {}): { start(): Promise<LibraryService>; wipe(): Promise<void> } {
  const open: LibraryService[] = [];
  return {
    async start() {
      const svc = await LibraryService.start(builtin(), options);
      open.push(svc);
      return svc.ready();
    },
    async wipe() {
      for (const s of open.splice(0)) s.close();
      await new Promise<void>((done) => {
        const r = indexedDB.deleteDatabase(DB_NAME);
        r.onsuccess = r.onerror = r.onblocked = () => done();
      });
    },
  };
}
