// Staff passkeys with the browser's WebAuthn API: a button with data-passkey="sign-in" or "register" asks the server
// for options (data-passkey-options, posted with the form's antiforgery token), lets the browser make or use the
// passkey, puts the answer in the form's CredentialJson field and submits the form.
(() => {
    for (const button of document.querySelectorAll('[data-passkey]')) {
        button.addEventListener('click', async () => {
            const form = button.closest('form');
            const status = form.querySelector('[data-passkey-status]');
            try {
                if (!window.PublicKeyCredential || !PublicKeyCredential.parseRequestOptionsFromJSON) {
                    throw new Error('This browser does not support passkeys.');
                }
                const response = await fetch(button.dataset.passkeyOptions, {
                    method: 'POST', body: new FormData(form), credentials: 'same-origin',
                });
                if (!response.ok) {
                    throw new Error(`The server answered ${response.status}.`);
                }
                const options = await response.json();
                const credential = button.dataset.passkey === 'register'
                    ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
                    : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
                form.querySelector('input[name="CredentialJson"]').value = JSON.stringify(credential.toJSON());
                form.submit();
            } catch (error) {
                if (status) {
                    status.textContent = `The passkey did not work: ${error.message}`;
                }
            }
        });
    }
})();
