// JSON Forms with its vanilla renderers: ValidateAndShow, so errors follow each keystroke.
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';

const form = document.body.dataset.form;
const { schema, uischema, messages } = await (await fetch(`/bench/forms/${form}.jsonforms.json`)).json();

// the pattern messages of the definition, in place of ajv's "must match pattern …"
const i18n = {
  translateError: (error, translate, uischema) => {
    const key = error.instancePath?.replace(/^\//, '');
    if (error.keyword === 'pattern' && messages[key]) return messages[key];
    return error.message;
  },
};

function App() {
  const [data, setData] = useState({});
  window.__formData = data;
  return (
    <JsonForms
      schema={schema}
      uischema={uischema}
      data={data}
      renderers={vanillaRenderers}
      cells={vanillaCells}
      validationMode="ValidateAndShow"
      i18n={i18n}
      onChange={({ data }) => setData(data)}
    />
  );
}
createRoot(document.getElementById('root')).render(<App />);
