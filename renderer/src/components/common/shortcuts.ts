/**
 * The keyboard shortcuts each view has, listed by the ? overlay. Only keys that work are listed:
 * a row here is a promise, checked by the steward's-day e2e for the ones it uses.
 */
export interface Shortcut {
  keys: string;
  does: string;
}

const EVERYWHERE: readonly Shortcut[] = [
  { keys: '?', does: '显示本页的快捷键' },
  { keys: 'Tab / Shift+Tab', does: '在左侧导航、筛选栏和表格之间移动' },
  { keys: 'Enter', does: '对话框中：保存（与“保存”按钮相同）' },
  { keys: 'Esc', does: '关闭对话框或下拉列表，不保存' },
];

const BY_ROUTE: Readonly<Record<string, readonly Shortcut[]>> = {
  ledger: [
    { keys: 'Ctrl+F', does: '跳到搜索框（户编号、姓名、身份证号码或后 4–6 位）' },
    { keys: '↓ / Enter（在搜索框中）', does: '进入结果列表 / 打开第一户' },
    { keys: '↑ ↓ / Home / End', does: '在列表中选择一户' },
    { keys: 'Enter（在列表中）', does: '打开选中的户' },
    { keys: 'Esc（在户页面）', does: '回到列表，保留搜索和选中的行' },
  ],
  matrix: [{ keys: 'Esc', does: '关闭措施页面（有未保存的填写时先询问）' }],
};

export function shortcutsFor(route: string | null | undefined): { view: readonly Shortcut[]; everywhere: readonly Shortcut[] } {
  return { view: (route && BY_ROUTE[route]) || [], everywhere: EVERYWHERE };
}
