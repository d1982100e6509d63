import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { router } from './router.ts';
import { registerCharts } from './charts/echarts.ts';
import { installUnloadGuard } from './components/common/unsaved.ts';
import './tokens.css';
import './styles.css';

registerCharts();
installUnloadGuard();

createApp(App).use(createPinia()).use(router).use(ElementPlus, { locale: zhCn }).mount('#app');
