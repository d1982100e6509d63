/**
 * Text written into a workbook cell that Excel, WPS or a CSV re-save could read as a formula.
 * Shared by every workbook the app writes (the export forms, the import's error workbook).
 */

/** = + - @ tab CR: the characters that make Excel, WPS or a CSV re-save read a cell as a formula. */
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

/**
 * Text that Excel, WPS or a CSV re-save could take for a formula gets a leading apostrophe
 * (OWASP CSV-injection advice); everything else is returned unchanged.
 */
export function neutralize(text: string): string {
  return FORMULA_START.has(text.charCodeAt(0)) ? `'${text}` : text;
}

/** Excel's and WPS's limit for one cell; a longer text is refused by them or cut without a word. */
export const CELL_TEXT_MAX = 32_767;
