/**
 * Kantor, the city office's console: its own entry of the Vite build, served at /kantor/. It is never
 * precached by the phones' service worker and shares no code with the phone app beyond src/shared.
 */
import { render } from 'preact';
import { Kantor } from './Kantor';
import './office.css';

render(<Kantor />, document.getElementById('kantor')!);
