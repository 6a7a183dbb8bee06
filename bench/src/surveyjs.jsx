// SurveyJS (survey-core + survey-js-ui): fetch the form, render it, expose the model.
import { Model } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';
import 'survey-core/survey-core.fontless.min.css';

const form = document.body.dataset.form;
const json = await (await fetch(`/bench/forms/${form}.surveyjs.json`)).json();
const survey = new Model(json);
window.__form = survey;
renderSurvey(survey, document.getElementById('root'));
