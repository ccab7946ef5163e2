import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './platform/styles.css'
import App from './App.vue'
import { i18n, getLocale } from './platform/i18n'
import { connectApi } from './platform/setup'
import { router } from './router'

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
app.use(ElementPlus)
connectApi(router)
app.use(router)
document.documentElement.lang = getLocale()
app.mount('#app')
