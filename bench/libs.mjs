// What the harness needs to know about each library's DOM:
// - ready[form]: the selector whose presence means "this form is on the screen" (the first
//   question of the typical form; the last of the 200; the 2,000th option of the select);
// - start (Tell Once only): the start page's "Start now" button;
// - input(key): the text box of a question; wrap(key): the element around one question, holding
//   its label, box and validation message.
export const LIBS = {
  tellonce: {
    name: 'Tell Once',
    start: 'button.button--start',
    ready: { typical: '#bench-given_name', long: '#bench-q200', bigselect: '#bench-choice option[value="o2000"]' },
    input: (k) => `#bench-${k}`,
    wrap: (k) => `.form-group:has(#bench-${k})`,
  },
  surveyjs: {
    name: 'SurveyJS',
    ready: {
      typical: '[data-name="given_name"] input',
      long: '[data-name="q200"] input',
      // SurveyJS's drop-down is its own popup, not a <select>: its 2,000 items are only put in
      // the DOM when it is opened (measured separately)
      bigselect: '[data-name="choice"] input[role="combobox"]',
    },
    input: (k) => `[data-name="${k}"] input`,
    wrap: (k) => `[data-name="${k}"]`,
  },
  rjsf: {
    name: 'RJSF',
    ready: { typical: '#root_given_name', long: '#root_q200', bigselect: '#root_choice option:nth-child(2001)' },
    input: (k) => `#root_${k}`,
    wrap: (k) => `.rjsf-field:has(> label[for="root_${k}"])`,
  },
  jsonforms: {
    name: 'JSON Forms',
    ready: {
      typical: '[id="#/properties/given_name-input"]',
      long: '[id="#/properties/q200-input"]',
      bigselect: '[id="#/properties/choice-input"] option[value="o2000"]',
    },
    input: (k) => `[id="#/properties/${k}-input"]`,
    wrap: (k) => `[id="#/properties/${k}"]`,
  },
  formio: {
    name: 'Form.io',
    ready: {
      typical: '[name="data[given_name]"]',
      long: '[name="data[q200]"]',
      bigselect: '[name="data[choice]"] option[value="o2000"]',
    },
    input: (k) => `[name="data[${k}]"]`,
    wrap: (k) => `.formio-component-${k}`,
  },
};
