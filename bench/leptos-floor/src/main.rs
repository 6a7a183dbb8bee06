//! Two questions, each a label, an input and a message that appears while the answer is too
//! short: what every Leptos app that asks questions has to compile in, and no more.

use leptos::prelude::*;

#[component]
fn Question(label: &'static str, id: &'static str) -> impl IntoView {
    let (answer, set_answer) = signal(String::new());
    let too_short = move || answer.with(|a| !a.is_empty() && a.chars().count() < 3);
    view! {
        <div class="form-group" class:form-group--error=too_short>
            <label class="label" for=id>{label}</label>
            {move || too_short().then(|| view! { <p class="error-message">"Enter at least 3 letters"</p> })}
            <input
                class="input"
                id=id
                aria-invalid=move || if too_short() { "true" } else { "false" }
                on:input=move |ev| set_answer.set(event_target_value(&ev))
            />
        </div>
    }
}

fn main() {
    mount_to_body(|| {
        view! {
            <main>
                <h1>"What is your name?"</h1>
                <Question label="First name" id="first-name"/>
                <Question label="Last name" id="last-name"/>
            </main>
        }
    })
}
