import { getContext, setContext } from 'svelte';
import type { Stores } from './stores.svelte';

export type StoreName = keyof Stores;

const KEYS = new Map<StoreName, symbol>();

function keyOf(name: StoreName): symbol {
  let key = KEYS.get(name);
  if (!key) KEYS.set(name, (key = Symbol(`posetrail.${name}`)));
  return key;
}

/** Shares each store under its own key with the components below the caller (the app root). */
export function provideStores(stores: Stores): void {
  for (const name of Object.keys(stores) as StoreName[]) setContext(keyOf(name), stores[name]);
}

/** The one store a component needs, from the context the app root set. */
export function useStore<K extends StoreName>(name: K): Stores[K] {
  const store = getContext<Stores[K] | undefined>(keyOf(name));
  if (!store) throw new Error(`No "${name}" store in context: provideStores() must run in a component above this one`);
  return store;
}
