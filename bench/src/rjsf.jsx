// react-jsonschema-form: live validation, so each keystroke re-validates (like the others).
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';

const form = document.body.dataset.form;
const { schema, uiSchema, messages } = await (await fetch(`/bench/forms/${form}.rjsf.json`)).json();

// the pattern messages of the definition, in place of ajv's "must match pattern …"
const transformErrors = (errors) =>
  errors.map((e) => {
    const key = e.property?.replace(/^\./, '');
    return e.name === 'pattern' && messages[key] ? { ...e, message: messages[key] } : e;
  });

function App() {
  const [formData, setFormData] = useState({});
  window.__formData = formData;
  return (
    <Form
      schema={schema}
      uiSchema={uiSchema}
      validator={validator}
      formData={formData}
      onChange={(e) => setFormData(e.formData)}
      liveValidate
      showErrorList={false}
      transformErrors={transformErrors}
    />
  );
}
createRoot(document.getElementById('root')).render(<App />);
