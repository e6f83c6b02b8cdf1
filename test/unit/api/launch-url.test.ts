import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseLaunchUrl, readAccessToken, takeLaunchOpenPath } from '../../../core/api/web-client';

/**
 * The web host's page: the token lives in this tab's sessionStorage only (never localStorage,
 * which outlives the tab and is shared by every tab of the origin), and `?open=<path>` is
 * honoured only when the same URL carries the token, so another site that navigates the tab to
 * `/?open=<path>` opens nothing.
 */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

function openPage(href: string, stored: { session?: string; local?: string } = {}) {
  const sessionStorage = memoryStorage();
  const localStorage = memoryStorage();
  if (stored.session) sessionStorage.setItem('posetrail.token', stored.session);
  if (stored.local) localStorage.setItem('posetrail.token', stored.local);
  const addressBar: string[] = [];
  vi.stubGlobal('location', { href, origin: new URL(href).origin });
  vi.stubGlobal('sessionStorage', sessionStorage);
  vi.stubGlobal('localStorage', localStorage);
  vi.stubGlobal('history', { replaceState: (_state: unknown, _title: string, url: string) => addressBar.push(url) });
  return { sessionStorage, localStorage, addressBar };
}

afterEach(() => {
  vi.unstubAllGlobals();
  takeLaunchOpenPath();
});

describe('the page keeps the token in sessionStorage only', () => {
  it('stores the URL token for this tab alone and clears one an earlier version left in localStorage', () => {
    const page = openPage('http://127.0.0.1:5123/?token=abc123', { local: 'old-token' });
    expect(readAccessToken()).toBe('abc123');
    expect(page.sessionStorage.items.get('posetrail.token')).toBe('abc123');
    expect([...page.localStorage.items.keys()]).toEqual([]);
    expect(page.addressBar).toEqual(['/']);
  });

  it('does not take a token from localStorage: a new tab without the URL has none', () => {
    openPage('http://127.0.0.1:5123/', { local: 'old-token' });
    expect(readAccessToken()).toBeNull();
  });
});

describe('?open= is honoured only beside the token', () => {
  it('opens the video the printed URL names, once, and drops both from the address bar', () => {
    const page = openPage(`http://127.0.0.1:5123/?token=abc123&open=${encodeURIComponent('/data/clip a.mp4')}`);
    expect(readAccessToken()).toBe('abc123');
    expect(takeLaunchOpenPath()).toBe('/data/clip a.mp4');
    expect(takeLaunchOpenPath()).toBeNull();
    expect(page.addressBar).toEqual(['/']);
  });

  it("ignores another site's navigation to /?open=<path> although the tab holds the token", () => {
    const page = openPage(`http://127.0.0.1:5123/?open=${encodeURIComponent('/home/me/.ssh/id_rsa')}`, {
      session: 'abc123',
    });
    expect(readAccessToken()).toBe('abc123');
    expect(takeLaunchOpenPath()).toBeNull();
    expect(page.addressBar).toEqual(['/']);
  });

  it('parseLaunchUrl reads the pair', () => {
    expect(parseLaunchUrl('http://h/?token=t&open=%2Fv.mp4')).toEqual({ token: 't', openPath: '/v.mp4' });
    expect(parseLaunchUrl('http://h/?open=%2Fv.mp4')).toEqual({ token: null, openPath: null });
    expect(parseLaunchUrl('http://h/?token=&open=%2Fv.mp4')).toEqual({ token: null, openPath: null });
  });
});
