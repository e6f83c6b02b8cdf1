/**
 * The pickle machine's state: its stack, marks and memo, and the only effects a program may have on
 * them: resolving allow-listed globals, calling them, and filling dicts and lists. Every refusal is
 * an error naming the source and the byte offset.
 */

/** What an allow-listed global does when a pickle calls it (REDUCE / NEWOBJ). */
export interface AllowedGlobal {
  /** Called with the positional arguments; returns the constructed value. */
  call?: (args: unknown[]) => unknown;
  /** Value used when the global itself is data (e.g. a storage class inside a persistent id). */
  value?: unknown;
}

export type GlobalTable = Readonly<Record<string, AllowedGlobal>>;

/** A global that was named and allowed but is being used as a plain value. */
export class PickleGlobalRef {
  constructor(
    readonly qualifiedName: string,
    readonly handler: AllowedGlobal,
  ) {}
}

/** Instance attributes set by BUILD on a dict (OrderedDict `_metadata`): kept, otherwise ignored. */
export const DICT_STATE = Symbol('pickle.dictState');

function describeValue(value: unknown): string {
  if (value instanceof PickleGlobalRef) return value.qualifiedName;
  if (value instanceof Map) return 'dict';
  if (Array.isArray(value)) return 'list/tuple';
  return value === null ? 'None' : typeof value;
}

/** Stack, marks and memo of one pickle program. */
export class PickleStack {
  private readonly stack: unknown[] = [];
  private readonly marks: number[] = [];
  readonly memo = new Map<number, unknown>();

  constructor(
    private readonly globals: GlobalTable,
    private readonly source: string,
  ) {}

  fail(message: string, at: number): never {
    throw new Error(`${this.source}: ${message} (at byte ${at}).`);
  }

  push(value: unknown): void {
    this.stack.push(value);
  }

  /** MARK: remembers where the items of the next TUPLE, APPENDS, SETITEMS… begin. */
  mark(): void {
    this.marks.push(this.stack.length);
  }

  pop(at: number): unknown {
    const { stack, marks } = this;
    if (stack.length === 0 || (marks.length > 0 && stack.length <= marks[marks.length - 1]))
      this.fail('stack underflow', at);
    return stack.pop();
  }

  top(at: number): unknown {
    if (this.stack.length === 0) this.fail('stack underflow', at);
    return this.stack[this.stack.length - 1];
  }

  /** Removes and returns the items above the latest mark. */
  popMark(at: number): unknown[] {
    const mark = this.marks.pop();
    if (mark === undefined) this.fail('MARK expected but missing', at);
    return this.stack.splice(mark);
  }

  resolveGlobal(module: string, name: string, at: number): PickleGlobalRef {
    const qualified = `${module}.${name}`;
    const handler = this.globals[qualified];
    if (!handler)
      this.fail(
        `refusing to load class or function ${qualified}: checkpoints may only contain tensors, storages and plain containers`,
        at,
      );
    return new PickleGlobalRef(qualified, handler);
  }

  call(fn: unknown, args: unknown, at: number): unknown {
    if (!(fn instanceof PickleGlobalRef) || !fn.handler.call) this.fail(`cannot call ${describeValue(fn)}`, at);
    if (!Array.isArray(args)) this.fail(`arguments of ${fn.qualifiedName} are not a tuple`, at);
    return fn.handler.call!(args);
  }

  setItems(target: unknown, items: unknown[], at: number): void {
    if (!(target instanceof Map)) this.fail(`SETITEM(S) on ${describeValue(target)}`, at);
    for (let i = 0; i + 1 < items.length; i += 2) target.set(items[i], items[i + 1]);
  }

  append(target: unknown, items: unknown[], at: number): void {
    if (!Array.isArray(target)) this.fail(`APPEND(S) on ${describeValue(target)}`, at);
    // One by one: spreading millions of items into push() overflows the call stack.
    for (const item of items) target.push(item);
  }

  /** BUILD: sets state on the object below; only dicts and tensors get one here. */
  build(state: unknown, at: number): void {
    const target = this.top(at);
    if (target instanceof Map) (target as Map<unknown, unknown> & { [DICT_STATE]?: unknown })[DICT_STATE] = state;
    else if (target === null || typeof target !== 'object') this.fail(`BUILD on ${describeValue(target)}`, at);
  }
}
