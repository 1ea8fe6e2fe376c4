import 'leaflet/dist/leaflet.css';
import './app/styles.css';
import './app/shell.css';
import './app/panels.css';
import './app/wall.css';
import './app/wall-panels.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Translations are bundled, so init resolves at once; rendering after it avoids a flash of keys.
void initI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
