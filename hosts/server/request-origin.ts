import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import { HttpError } from './http-util';

/**
 * Host and Origin checks against DNS rebinding and cross-site pages: a request must name this
 * server in its Host header (loopback names, or the address it was bound to), and a WebSocket
 * upgrade or state-changing request that carries an Origin must come from this server's own
 * origin. The token does not cover --no-token hosts, so these checks are what keeps a web site the
 * user visits from driving the API through a rebound DNS name or a cross-site form.
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

function hostName(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/** `host:port` values this server answers to (lower case). */
export function allowedHostHeaders(boundHost: string, port: number): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, hostName(boundHost.toLowerCase())]);
  if (WILDCARD_HOSTS.has(boundHost)) {
    // Bound to every interface: the machine's own names and addresses are what clients type.
    names.add(os.hostname().toLowerCase());
    for (const entries of Object.values(os.networkInterfaces()))
      for (const entry of entries ?? []) names.add(hostName(entry.address.toLowerCase()));
  }
  return new Set([...names].map((name) => `${name}:${port}`));
}

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Throws 403 unless the Host header names this server, and (where `needsSameOrigin`) any Origin is this server's. */
export function checkHostAndOrigin(
  request: IncomingMessage,
  allowedHosts: Set<string>,
  needsSameOrigin: boolean,
): void {
  const host = (firstHeader(request.headers.host) ?? '').toLowerCase();
  if (!allowedHosts.has(host)) {
    throw new HttpError(
      403,
      `This Posetrail host does not answer to Host "${host.slice(0, 100)}"; open it at the address it printed.`,
      'FORBIDDEN',
    );
  }
  const origin = firstHeader(request.headers.origin);
  if (!needsSameOrigin || origin === undefined) return;
  if (origin.toLowerCase() !== `http://${host}`) {
    throw new HttpError(
      403,
      `Requests from ${origin.slice(0, 100)} are not allowed; only pages served by this host may call it.`,
      'FORBIDDEN',
    );
  }
}

/** Methods that change state need the same-origin check; GET and HEAD only read. */
export function isStateChanging(method: string | undefined): boolean {
  return method !== 'GET' && method !== 'HEAD';
}
