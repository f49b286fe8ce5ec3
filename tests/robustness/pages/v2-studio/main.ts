// The studio as the next version would ship it, for the upgrade test: the same App with the
// runs library at a simulated store schema 2 (tests/robustness/support/schema-v2.ts: a
// migration that renames a field), registered before anything opens the library.
import { mount } from 'svelte';
import App from '../../../../src/app/App.svelte';
import '../../../../src/app/styles/global.css';
import { registerSchema } from '../../../../src/store';
import { SCHEMA_V2 } from '../../support/schema-v2';

registerSchema(SCHEMA_V2);
const target = document.getElementById('app');
if (!target) throw new Error('v2 test studio: #app element missing');
mount(App, { target });
