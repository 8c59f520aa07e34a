/**
 * The widget's whole style, inside its shadow root: the host page's CSS cannot reach in, and this
 * cannot leak out. `all: initial` on the host stops inherited properties (font, color) too.
 */
export const STYLES = `
:host{all:initial!important;position:fixed!important;right:20px!important;bottom:20px!important;z-index:2147483000!important;display:block!important}
*{box-sizing:border-box;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2430;margin:0}
button,input,textarea{font:inherit;color:inherit}
.launcher{width:56px;height:56px;border-radius:50%;border:0;background:#2453d4;color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:grid;place-items:center}
.launcher svg{width:26px;height:26px;fill:#fff}
:focus-visible{outline:3px solid #f2b705;outline-offset:2px}
.panel{position:absolute;right:0;bottom:68px;width:340px;max-width:calc(100vw - 40px);height:460px;max-height:calc(100vh - 110px);background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden}
[hidden]{display:none!important}
header{background:#2453d4;padding:12px 14px;display:flex;align-items:center;justify-content:space-between}
header h2{font-size:16px;font-weight:600;color:#fff}
header button{background:transparent;border:0;color:#fff;font-size:20px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}
.body{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f5f6f8}
ol{list-style:none;padding:0;display:flex;flex-direction:column;gap:8px}
li{max-width:85%;padding:8px 10px;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #e2e5ea;align-self:flex-start}
li.visitor{align-self:flex-end;background:#2453d4;border-color:#2453d4;color:#fff}
li.visitor .who{color:#dbe4ff}
li .who{display:block;font-size:12px;color:#5b6473;margin-bottom:2px}
form{display:flex;flex-direction:column;gap:8px;padding:12px;border-top:1px solid #e2e5ea;background:#fff}
form.prechat{border:0;background:transparent;padding:0}
label{font-size:13px;font-weight:600}
input,textarea{width:100%;padding:8px;border:1px solid #aab1bd;border-radius:8px;background:#fff}
textarea{resize:none;height:60px}
.send{align-self:flex-end;background:#2453d4;color:#fff;border:0;border-radius:8px;padding:8px 14px;cursor:pointer}
.send:disabled{opacity:.6;cursor:default}
.status{font-size:12px;color:#5b6473;min-height:16px;padding:0 12px}
.error{color:#b3261e}
`;
