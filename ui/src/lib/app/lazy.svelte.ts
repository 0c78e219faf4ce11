// A part of the window whose code is fetched the first time it is wanted (a dialog), so the first
// screen's JavaScript does not carry it. The window renders `component` once it is loaded and binds
// the mounted instance to `instance`; `get()` answers that instance, loading it first if need be.

import { tick, type Component } from "svelte";

type AnyComponent = Component<any, any, any>;
/** What a component's `<script>` exports (its `open`, `ask`…), as `bind:this` gives it. */
type Exports<C> = C extends Component<infer _P, infer E, infer _B> ? E : never;

export class Lazy<C extends AnyComponent> {
  component = $state.raw<C | undefined>(undefined);
  instance = $state.raw<Exports<C> | undefined>(undefined);
  #loading: Promise<void> | undefined;

  constructor(private readonly load: () => Promise<{ default: C }>) {}

  /** The mounted component: the first call loads its code and waits for the window to mount it. */
  async get(): Promise<Exports<C>> {
    this.#loading ??= this.load().then((module) => {
      this.component = module.default;
    });
    await this.#loading;
    // Setting `component` renders it in the next update, which binds `instance`.
    if (!this.instance) await tick();
    if (!this.instance) throw new Error("a lazily loaded part of the window did not mount");
    return this.instance;
  }
}
