import { render } from 'preact';
import { App } from './App';
import { sendMessage } from './client';

const root = document.getElementById('app');
if (root) render(<App send={sendMessage} />, root);
