import { render } from 'preact';
import { sendMessage } from '../client';
import { Options } from './Options';

const root = document.getElementById('app');
if (root) render(<Options send={sendMessage} />, root);
