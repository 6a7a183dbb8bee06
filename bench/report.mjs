export function report({ table }) { return `# Results\n\n${table}\n`; }
