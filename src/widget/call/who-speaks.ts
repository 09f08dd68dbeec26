type Speaker = 'agent' | 'caller';

/** Who has the floor, from `agent.speaking` and `user.speaking`: the latest to start, while they speak. */
export class WhoSpeaks {
  readonly #speaking = { agent: false, caller: false };
  #now: Speaker | null = null;

  get now(): Speaker | null {
    return this.#now;
  }

  /** Records a change; returns who speaks now. */
  update(who: Speaker, speaking: boolean): Speaker | null {
    this.#speaking[who] = speaking;
    const other: Speaker = who === 'agent' ? 'caller' : 'agent';
    if (speaking) this.#now = who;
    else if (this.#now === who) this.#now = this.#speaking[other] ? other : null;
    return this.#now;
  }
}
