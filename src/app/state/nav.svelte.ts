// Which area of the studio is showing. Mirrored in the URL hash (#model) so a reload and
// the browser's back button land where the analyst was.
import { isStepId, type StepId } from './steps';

function fromHash(): StepId {
  const h = typeof location === 'undefined' ? '' : location.hash.replace(/^#\/?/, '');
  return isStepId(h) ? h : 'data';
}

export class Navigation {
  #step = $state<StepId>(fromHash());

  get step(): StepId {
    return this.#step;
  }

  go(step: StepId): void {
    if (step === this.#step) return;
    this.#step = step;
    if (location.hash !== `#${step}`) history.pushState(null, '', `#${step}`);
  }

  /** Follows back/forward; returns the listener's remover. */
  listen(): () => void {
    const onPop = () => (this.#step = fromHash());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }
}
