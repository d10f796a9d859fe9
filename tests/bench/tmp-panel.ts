import { panelFigures } from './panel';
import { printTable } from './stats';
printTable('panel', await panelFigures());
