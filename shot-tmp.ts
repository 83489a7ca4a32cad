import { launchChromium } from './test/support/browser.js';
const b = await launchChromium();
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
await p.goto('file:///tmp/demo2/reports/demo/2020/arsrapport-2020.html');
const el = await p.$('#avsnitt-uppfoljning');
await el!.screenshot({ path: '/tmp/shot-uppf.png' });
await p.pdf({ path: '/tmp/r.pdf', preferCSSPageSize: true });
await (await p.$('#avsnitt-mal'))!.screenshot({ path: '/tmp/shot-mal.png' });
await b.close();
