export const id = 988;
export const ids = [988];
export const modules = {

/***/ 6988:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   configText: () => (/* binding */ configText)
/* harmony export */ });
/* harmony import */ var _io_config_file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5595);

const ORIGIN_TEXT = { input: 'flag or variable', top: 'top level', default: 'default' };
/**
 * `vps-deploy config [--env NAME]`: every input deploy would use, each with where it came from (a flag, the
 * file's section or top level, ~/.ssh, the default); secrets shown as *** only, known-hosts as a line count.
 */
function configText(configured, final, spec, sshSources = {}) {
    const { file, environment } = configured;
    const head = file
        ? `# ${file.path}${environment ? `, environments.${environment}` : ''} (as deploy reads it)`
        : '# no config file (vps-deploy.yml) here: flags, variables and defaults only';
    const rows = [];
    for (const name of Object.keys(spec)) {
        const raw = final.input(name).trim();
        const before = configured.io.input(name).trim();
        const origin = configured.origin(name);
        const from = raw !== before
            ? (sshSources[name] ?? '~/.ssh')
            : origin === 'environment'
                ? `environments.${environment}`
                : ORIGIN_TEXT[origin];
        const fallback = spec[name].safeParse('');
        const shownDefault = fallback.success ? display(fallback.data) : '';
        const value = raw
            ? _io_config_file_js__WEBPACK_IMPORTED_MODULE_0__/* .CONFIG_REFUSED_NAMES */ .hv.includes(name)
                ? '***'
                : name === 'known-hosts'
                    ? `<${raw.split('\n').filter((l) => l.trim() && !l.startsWith('#')).length} lines>`
                    : JSON.stringify(raw.includes('\n')
                        ? raw
                            .split('\n')
                            .map((l) => l.trim())
                            .filter(Boolean)
                        : raw)
            : shownDefault;
        if (!value || value === '""' || value === '[]')
            continue;
        rows.push([`${name}:`, value, raw ? from : 'default']);
    }
    const unread = file
        ? [
            ...new Set([...Object.keys(file.top), ...Object.values(file.environments).flatMap(Object.keys)]),
        ].filter((n) => !(n in spec))
        : [];
    const w1 = Math.max(...rows.map((r) => r[0].length));
    const w2 = Math.min(60, Math.max(...rows.map((r) => r[1].length)));
    if (sshSources.agent)
        rows.push(['key:', '(ssh-agent)', sshSources.agent]);
    return [
        head,
        ...rows.map(([n, v, f]) => `${n.padEnd(w1)} ${v.padEnd(w2)}  # ${f}`),
        ...(unread.length ? [`# also in the file, for other actions: ${unread.join(', ')}`] : []),
        '',
    ].join('\n');
}
function display(v) {
    if (v === '' || v === undefined || (Array.isArray(v) && !v.length))
        return '';
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && !Object.keys(v).length)
        return '';
    return JSON.stringify(v);
}


/***/ })

};
