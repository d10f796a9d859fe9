import { createRoot } from 'react-dom/client';
import { App } from './App';
import { firstScreen } from './firstScreen';
import '../../components/theme.css';
import './panel.css';

firstScreen.start();
createRoot(document.getElementById('root')!).render(<App />);
