// The ONE definition of each benchmark form, and its translation into every library's format.
//
// A form is a list of questions in a small neutral shape:
//   { key, type, label, required, pattern?, patternMessage?, options? }
// with type one of: text, email, phone, date, select, yes_no, checkboxes.
// translate(form) gives the same questions, in the same order, on one page, as
//   a Tell Once journey, a SurveyJS survey, an RJSF schema + uiSchema, a JSON Forms schema +
//   UI schema and a Form.io form.
//
// `node bench/forms.mjs <out-dir>` writes <out-dir>/<form>.<library>.json for every form.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const REGIONS = [
  'North East', 'North West', 'Yorkshire and the Humber', 'East Midlands', 'West Midlands',
  'East of England', 'London', 'South East', 'South West', 'Wales',
];

// (a) typical: a change-of-address form. Its first question is what "interactive" waits for;
// `ni` (a required text with a pattern) is the one typed into for input latency.
export const typical = {
  id: 'typical',
  title: 'Change your address',
  questions: [
    { key: 'given_name', type: 'text', label: 'First name', required: true },
    { key: 'family_name', type: 'text', label: 'Last name', required: true },
    { key: 'email', type: 'email', label: 'Email address', required: true },
    { key: 'phone', type: 'phone', label: 'Phone number (optional)', required: false },
    { key: 'date_of_birth', type: 'date', label: 'Date of birth', required: true },
    {
      key: 'ni', type: 'text', label: 'National Insurance number', required: true,
      pattern: '^[A-Z]{2}[0-9]{6}[A-D]$',
      patternMessage: 'Enter a National Insurance number in the correct format, like QQ123456C',
    },
    {
      key: 'region', type: 'select', label: 'Region', required: true,
      options: REGIONS.map((label, i) => ({ value: `r${i + 1}`, label })),
    },
    { key: 'licence', type: 'yes_no', label: 'Do you have a driving licence?', required: true },
    {
      key: 'tell', type: 'checkboxes', label: 'Who should we tell?', required: true,
      options: [
        { value: 'council', label: 'Your council' },
        { value: 'elections', label: 'Elections office' },
        { value: 'tax', label: 'Tax office' },
        { value: 'health', label: 'Your doctor' },
      ],
    },
    { key: 'line1', type: 'text', label: 'Address line 1', required: true },
    { key: 'line2', type: 'text', label: 'Address line 2 (optional)', required: false },
    { key: 'town', type: 'text', label: 'Town or city', required: true },
    {
      key: 'postcode', type: 'text', label: 'Postcode', required: true,
      pattern: '^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$',
      patternMessage: 'Enter a real postcode, like SW1A 1AA',
    },
  ],
};

// (b) long: 200 text questions on one page.
export const long = {
  id: 'long',
  title: 'Two hundred questions',
  questions: Array.from({ length: 200 }, (_, i) => ({
    key: `q${String(i + 1).padStart(3, '0')}`,
    type: 'text',
    label: `Question ${i + 1}`,
    required: true,
  })),
};

// (c) big select: one select with 2,000 options.
export const bigselect = {
  id: 'bigselect',
  title: 'A long list',
  questions: [
    {
      key: 'choice', type: 'select', label: 'Choose one', required: true,
      options: Array.from({ length: 2000 }, (_, i) => ({ value: `o${i + 1}`, label: `Option ${i + 1}` })),
    },
  ],
};

export const FORMS = [typical, long, bigselect];

// --- Tell Once: one page (with a title, as the docs say for several questions) -----------------
const en = (s) => ({ en: s });
function tellonce(form) {
  const question = (q) => {
    const out = { key: `bench.${q.key}`, type: q.type, label: en(q.label), name: en(q.label.replace(/ \(optional\)$/, '').toLowerCase()) };
    // yes_no messages read "Select yes if <name>, or no if not"
    if (q.type === 'yes_no') out.name = en(`you ${q.label.replace(/^Do you /, '').replace(/\?$/, '')}`);
    if (!q.required) out.required = false;
    if (q.options) out.options = q.options.map((o) => ({ value: o.value, label: en(o.label) }));
    if (q.pattern) out.validate = [{ rule: 'pattern', pattern: q.pattern, message: en(q.patternMessage) }];
    return out;
  };
  const body = Object.fromEntries(form.questions.map((q) => [q.key, `{bench.${q.key}}`]));
  return {
    format: 'tell-once/journey@1',
    id: `bench-${form.id}`,
    version: '2026-12-01',
    title: en(form.title),
    summary: en('A benchmark form.'),
    pages: [{ id: 'questions', title: en(form.title), questions: form.questions.map(question) }],
    agencies: { bench: { name: en('Benchmark Office') } },
    services: [
      {
        id: 'bench',
        agency: 'bench',
        title: en('Take the answers'),
        // Never sent in the benchmark: the run stops at "Check your answers".
        connector: { url: '/bench/never-sent', body: { json: body }, reference: '/id' },
      },
    ],
  };
}

// --- SurveyJS ----------------------------------------------------------------------------------
function surveyjs(form) {
  const element = (q) => {
    const e = { name: q.key, title: q.label, isRequired: q.required };
    switch (q.type) {
      case 'text': Object.assign(e, { type: 'text' }); break;
      case 'email': Object.assign(e, { type: 'text', inputType: 'email', validators: [{ type: 'email' }] }); break;
      case 'phone': Object.assign(e, { type: 'text', inputType: 'tel' }); break;
      case 'date': Object.assign(e, { type: 'text', inputType: 'date' }); break;
      case 'select': Object.assign(e, { type: 'dropdown', choices: q.options.map((o) => ({ value: o.value, text: o.label })) }); break;
      case 'yes_no': Object.assign(e, { type: 'radiogroup', choices: [{ value: true, text: 'Yes' }, { value: false, text: 'No' }] }); break;
      case 'checkboxes': Object.assign(e, { type: 'checkbox', choices: q.options.map((o) => ({ value: o.value, text: o.label })) }); break;
      default: throw new Error(q.type);
    }
    if (q.pattern) e.validators = [{ type: 'regex', regex: q.pattern, text: q.patternMessage }];
    return e;
  };
  return {
    title: form.title,
    // Validate as the person types, like the other libraries' live validation.
    textUpdateMode: 'onTyping',
    checkErrorsMode: 'onValueChanged',
    questionsOnPageMode: 'singlePage',
    pages: [{ name: 'questions', elements: form.questions.map(element) }],
  };
}

// --- JSON Schema (shared by RJSF and JSON Forms) ---------------------------------------------------
function jsonSchema(form) {
  const properties = {};
  for (const q of form.questions) {
    const p = { title: q.label };
    switch (q.type) {
      case 'text': p.type = 'string'; break;
      case 'email': Object.assign(p, { type: 'string', format: 'email' }); break;
      case 'phone': p.type = 'string'; break;
      case 'date': Object.assign(p, { type: 'string', format: 'date' }); break;
      case 'select': Object.assign(p, { type: 'string', oneOf: q.options.map((o) => ({ const: o.value, title: o.label })) }); break;
      case 'yes_no': Object.assign(p, { type: 'boolean', oneOf: [{ const: true, title: 'Yes' }, { const: false, title: 'No' }] }); break;
      case 'checkboxes': Object.assign(p, { type: 'array', uniqueItems: true, minItems: q.required ? 1 : 0, items: { type: 'string', enum: q.options.map((o) => o.value) } }); break;
      default: throw new Error(q.type);
    }
    if (q.pattern) p.pattern = q.pattern;
    if (q.required && p.type === 'string' && !q.pattern && q.type !== 'select') p.minLength = 1;
    properties[q.key] = p;
  }
  return {
    type: 'object',
    title: form.title,
    required: form.questions.filter((q) => q.required).map((q) => q.key),
    properties,
  };
}

function rjsf(form) {
  const schema = jsonSchema(form);
  const uiSchema = {};
  for (const q of form.questions) {
    if (q.type === 'yes_no') uiSchema[q.key] = { 'ui:widget': 'radio' };
    if (q.type === 'checkboxes') {
      uiSchema[q.key] = { 'ui:widget': 'checkboxes' };
      // RJSF's checkboxes widget wants enumNames-style titles: give them as oneOf items.
      schema.properties[q.key].items = { type: 'string', oneOf: q.options.map((o) => ({ const: o.value, title: o.label })) };
    }
    if (q.type === 'phone') uiSchema[q.key] = { 'ui:options': { inputType: 'tel' } };
  }
  // the pattern messages, in place of ajv's "must match pattern …"
  const messages = Object.fromEntries(form.questions.filter((q) => q.pattern).map((q) => [q.key, q.patternMessage]));
  return { schema, uiSchema, messages };
}

function jsonforms(form) {
  const schema = jsonSchema(form);
  for (const q of form.questions) {
    if (q.type === 'select' && q.options.length > 500) {
      // JSON Forms 3.8.0 overflows the stack ("Maximum call stack size exceeded") on a oneOf of
      // 2,000 {const, title}: the big select is a plain enum, its options showing their values
      schema.properties[q.key] = { title: q.label, type: 'string', enum: q.options.map((o) => o.value) };
    }
    if (q.type === 'yes_no') {
      // vanilla has a radio group for enums; a boolean renders as a checkbox, so ask Yes/No as an
      // enum of two strings, shown as radios
      schema.properties[q.key] = { title: q.label, type: 'string', enum: ['yes', 'no'] };
    }
  }
  const uischema = {
    type: 'VerticalLayout',
    elements: form.questions.map((q) => {
      const c = { type: 'Control', scope: `#/properties/${q.key}` };
      if (q.type === 'yes_no') c.options = { format: 'radio' };
      return c;
    }),
  };
  const messages = Object.fromEntries(form.questions.filter((q) => q.pattern).map((q) => [q.key, q.patternMessage]));
  return { schema, uischema, messages };
}

// --- Form.io -----------------------------------------------------------------------------------
function formio(form) {
  const component = (q) => {
    const c = { key: q.key, label: q.label, input: true, validate: { required: q.required } };
    switch (q.type) {
      case 'text': c.type = 'textfield'; break;
      case 'email': c.type = 'email'; break;
      case 'phone': c.type = 'phoneNumber'; c.inputMask = ''; break;
      // Form.io's own date-of-birth control: Day, Month, Year (like Tell Once's); its datetime
      // control would add flatpickr
      case 'date': Object.assign(c, { type: 'day', fields: { day: { type: 'number' }, month: { type: 'number' }, year: { type: 'number' } } }); break;
      // a native <select> (widget html5), as in the other libraries, not Choices.js
      case 'select': Object.assign(c, { type: 'select', widget: 'html5', dataSrc: 'values', data: { values: q.options.map((o) => ({ value: o.value, label: o.label })) } }); break;
      case 'yes_no': Object.assign(c, { type: 'radio', values: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] }); break;
      case 'checkboxes': Object.assign(c, { type: 'selectboxes', values: q.options.map((o) => ({ value: o.value, label: o.label })) }); break;
      default: throw new Error(q.type);
    }
    if (q.pattern) {
      c.validate.pattern = q.pattern;
      c.validate.customMessage = q.patternMessage;
    }
    return c;
  };
  return { display: 'form', title: form.title, components: form.questions.map(component) };
}

export const TRANSLATORS = { tellonce, surveyjs, rjsf, jsonforms, formio };

export function writeForms(dir) {
  mkdirSync(dir, { recursive: true });
  for (const form of FORMS) {
    for (const [lib, translate] of Object.entries(TRANSLATORS)) {
      writeFileSync(join(dir, `${form.id}.${lib}.json`), `${JSON.stringify(translate(form), null, 1)}\n`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeForms(process.argv[2] ?? new URL('./site/bench/forms/', import.meta.url).pathname);
}
