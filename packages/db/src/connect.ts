import mongoose from 'mongoose';

/**
 * Opens a mongoose connection to one database. Short server-selection and connect timeouts
 * so a missing database fails fast (and `/health` answers quickly); a modest pool per
 * process, since every subgraph has its own.
 */
export async function connectDatabase(uri: string, dbName: string): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    maxPoolSize: 20,
    minPoolSize: 0,
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    socketTimeoutMS: 30_000,
    heartbeatFrequencyMS: 5_000,
  });
  return connection.asPromise();
}

/**
 * Whether the database answers a `ping` within `timeoutMs`. Never throws: a down database
 * is a health answer, not an error.
 */
export async function pingDatabase(connection: mongoose.Connection, timeoutMs = 1_000): Promise<boolean> {
  const db = connection.db;
  if (db === undefined || connection.readyState !== mongoose.ConnectionStates.connected) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      db.command({ ping: 1 }, { timeoutMS: timeoutMs }).then(() => true, () => false),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
