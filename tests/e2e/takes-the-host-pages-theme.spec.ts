// Theming: an agency sets the app's design tokens (CSS custom properties) on its element, and
// the app takes its colours, font, radius and focus colour from them.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, failOnPageErrors, heading } from './support';

// The host's own stylesheet is inline here, which the demo page's strict policy would refuse.
test.use({ bypassCSP: true });

test('colours, font, radius and focus colour come from the host page', async ({ page }) => {
  failOnPageErrors(page);
  await page.goto('/?journey=moving-house');
  const start = page.getByRole('button', { name: 'Start now' });
  await expect(start).toHaveCSS('background-color', 'rgb(0, 112, 60)');
  await page.addStyleTag({
    content: `tell-once {
      --to-colour-button: rgb(80, 0, 120);
      --to-colour-focus: rgb(0, 200, 255);
      --to-colour-text: rgb(20, 20, 60);
      --to-font-family: Georgia, serif;
      --to-radius: 8px;
    }`,
  });
  await expect(start).toHaveCSS('background-color', 'rgb(80, 0, 120)');
  await expect(start).toHaveCSS('border-radius', '8px');
  await expect(heading(page, 'Moving house')).toHaveCSS('font-family', 'Georgia, serif');
  await expect(heading(page, 'Moving house')).toHaveCSS('color', 'rgb(20, 20, 60)');
  await start.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(start).toBeFocused();
  await expect(start).toHaveCSS('background-color', 'rgb(0, 200, 255)');
  await expectNoAxeViolations(page, 'start page, themed');
});
