import type { Server } from 'node:http';

/**
 * Bounds on what one client can hold of the web host: a connection that says nothing, a request
 * whose headers or body trickle in, too many sockets at once, too many event sockets, or an event
 * socket whose reader stopped reading (every event would otherwise queue in memory for it).
 */
export interface ConnectionLimits {
  /** The request line and headers must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (API bodies are at most 1 MB). */
  requestTimeoutMs: number;
  /** A connection with no traffic either way for this long is closed (a paused video reconnects). */
  idleTimeoutMs: number;
  /** Sockets open at once, event sockets included; more are closed as they connect. */
  maxConnections: number;
  /** Event sockets (/events) open at once; more are refused with 503. */
  maxEventClients: number;
  /** An event socket with more than this waiting to be sent is closed: its reader stopped reading. */
  maxEventBufferBytes: number;
  /** How often Node checks the header and request deadlines (it checks no more often than this). */
  checkIntervalMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 60_000,
  idleTimeoutMs: 120_000,
  maxConnections: 256,
  maxEventClients: 16,
  maxEventBufferBytes: 16 * 1024 * 1024,
  checkIntervalMs: 5_000,
};

export function connectionLimits(overrides: Partial<ConnectionLimits> = {}): ConnectionLimits {
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`Invalid web host limit ${name} ${value}. Should be a positive number.`);
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs)
    throw new Error(
      `headersTimeoutMs (${limits.headersTimeoutMs}) must not exceed requestTimeoutMs (${limits.requestTimeoutMs}).`,
    );
  return limits;
}

/** Applies the socket-level limits to a server (its deadlines and connection cap). */
export function applyConnectionLimits(server: Server, limits: ConnectionLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // Without a 'timeout' listener on the server, an idle socket is destroyed when this elapses.
  server.setTimeout(limits.idleTimeoutMs);
  server.keepAliveTimeout = Math.min(5_000, limits.idleTimeoutMs);
}
