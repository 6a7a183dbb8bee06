// Form.io (@formio/js, its own prebuilt dist/formio.form.min.js, loaded before this file).
const form = document.body.dataset.form;
const definition = await (await fetch(`/bench/forms/${form}.formio.json`)).json();
window.__form = await window.Formio.createForm(document.getElementById('root'), definition);
