// tipoDte → module (parse, build, shape, checks). Each type lives in its own small file.
import type { TipoDte } from '../model.js';
import { buildFe, parseFe } from './fe.js';
import { checkFe, feShape } from './fe.check.js';
import type { DteTypeModule } from './module.js';

export const MODULES: Partial<Record<TipoDte, DteTypeModule>> = {
  '01': { tipoDte: '01', parse: parseFe, build: buildFe, shape: feShape, check: checkFe },
};
