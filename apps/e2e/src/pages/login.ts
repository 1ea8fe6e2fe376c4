import type { Page } from 'playwright-core';

/** The sign-in page. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string, path = '/'): Promise<void> {
    await this.page.goto(`${baseUrl}${path}`);
    await this.page.getByTestId('login-username').waitFor();
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }
}
