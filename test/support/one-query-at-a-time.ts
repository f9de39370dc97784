import pg from 'pg';

type BusyClient = pg.Client & { activeQuery?: unknown; _queryQueue: unknown[] };

let installed = false;

/**
 * Makes a query sent to a connection still busy with another fail the test that sends it. pg@8 queues such a
 * query and warns once per process (a Promise.all over one transaction's queries); pg@9 refuses it. Queries
 * on one connection run one after the other anyway, so awaiting each in turn costs nothing.
 */
export function refuseConcurrentQueries(): void {
  if (installed) return;
  installed = true;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: BusyClient, ...args: unknown[]) {
    if (this.activeQuery || this._queryQueue.length > 0) {
      throw new Error('A query was sent to a connection still busy with another (Promise.all over one transaction?): pg@9 refuses this; await the queries one at a time');
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}
