/**
 * The routes of the left navigation, in menu order. Each view is imported lazily so its code (and
 * its charts) load only when it is opened. Hash history: the app is served from
 * app://renderer/index.html, and a path-based URL would ask the protocol for files that do not exist.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { leaveGuard } from './components/common/unsaved.ts';

export interface NavItem {
  path: string;
  title: string;
}

const pages: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./views/HomeView.vue'), meta: { title: '首页' } },
  { path: '/ledger', name: 'ledger', component: () => import('./views/LedgerView.vue'), meta: { title: '台账' } },
  { path: '/import', name: 'import', component: () => import('./views/ImportView.vue'), meta: { title: '导入' } },
  { path: '/analysis', name: 'analysis', component: () => import('./views/AnalysisView.vue'), meta: { title: '增收分析' } },
  { path: '/matrix', name: 'matrix', component: () => import('./views/MatrixView.vue'), meta: { title: '责任分工' } },
  { path: '/monitoring', name: 'monitoring', component: () => import('./views/MonitoringView.vue'), meta: { title: '监测帮扶' } },
  { path: '/checks', name: 'checks', component: () => import('./views/DataChecksView.vue'), meta: { title: '数据核查' } },
  { path: '/export', name: 'export', component: () => import('./views/ExportView.vue'), meta: { title: '导出' } },
  { path: '/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { title: '审计日志' } },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue'), meta: { title: '设置' } },
];

export const NAV_ITEMS: readonly NavItem[] = pages.map((p) => ({ path: p.path, title: String(p.meta?.title ?? '') }));

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [...pages, { path: '/:pathMatch(.*)*', redirect: '/' }],
});

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : '';
  document.title = title ? `${title} - 脱贫人口增收台账` : '脱贫人口增收台账';
});

router.beforeEach(leaveGuard);
