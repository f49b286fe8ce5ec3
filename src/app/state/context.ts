// Typed context for the studio state: App sets it once, components read it.
import { createContext } from 'svelte';
import type { Studio } from './studio.svelte';

export const [getStudio, setStudio] = createContext<Studio>();
