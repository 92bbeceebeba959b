/// The console's Mustache templates, compiled into the binary (no files to install). `{{x}}`
/// is HTML-escaped; `{{{body}}}` only ever holds a page this renderer produced.
enum ConsoleTemplates {
    static let all: [String: String] = [
        "layout": layout, "login": login, "instances": instances, "instance": instance, "billing": billing,
        "keys": keys, "admin": admin, "error": error, "logs": logs, "backups": backups, "agents": agents,
    ]

    static let layout = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · clawd</title><link rel="stylesheet" href="/console/assets/console.css">
        <script src="/console/assets/console.js" defer></script></head>
        <body{{#events}} data-events="{{events}}"{{/events}}>
        <header><a class="brand" href="/console/">clawd</a>
        {{#nav}}<nav aria-label="Main">{{#items}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a> {{/items}}</nav>
        <span class="who">{{who}}</span>
        <form method="post" action="/console/logout" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Log out</button></form>{{/nav}}
        </header>
        <main>
        {{#flash}}<p class="flash" role="status">{{flash}}</p>{{/flash}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        {{{body}}}
        </main></body></html>
        """

    static let login = """
        <h1>Log in</h1>
        <form method="post" action="/console/login" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="key">API key</label>
        <input id="key" name="key" type="password" autocomplete="off" required autofocus>
        <button type="submit">Log in</button>
        </form>
        <p class="hint">Any API key of your org works; the host admin runs <code>clawctl console</code> for a one-time link.</p>
        """

    static let instances = """
        <h1>Instances</h1>
        <p>Balance: <strong id="balance">{{balance}}</strong></p>
        <table class="list" id="instances" data-event-cursor="{{cursor}}">
        <caption>{{count}} instance(s)</caption>
        <thead><tr><th scope="col">Subdomain</th><th scope="col">Status</th><th scope="col">Tier</th><th scope="col">Paid until</th>{{#showOrg}}<th scope="col">Org</th>{{/showOrg}}</tr></thead>
        <tbody>
        {{#rows}}<tr data-instance-id="{{id}}"><td><a href="/console/instances/{{id}}">{{subdomain}}</a></td><td class="status">{{status}}</td><td>{{tier}}</td><td>{{paidUntil}}</td>{{#showOrg}}<td>{{orgID}}</td>{{/showOrg}}</tr>
        {{/rows}}
        </tbody></table>
        <nav aria-label="Pages" class="pages">{{#previous}}<a href="/console/?page={{previous}}" rel="prev">Newer</a> {{/previous}}{{#next}}<a href="/console/?page={{next}}" rel="next">Older</a>{{/next}}</nav>
        {{#canCreate}}
        <h2>Create an instance</h2>
        <form method="post" action="/console/instances" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="subdomain">Subdomain</label>
        <input id="subdomain" name="subdomain" required pattern="[a-z0-9][a-z0-9-]{1,30}[a-z0-9]" autocomplete="off">
        <label for="tier">Tier</label>
        <select id="tier" name="tier">{{#tiers}}<option value="{{name}}">{{name}} ({{price}} / period)</option>{{/tiers}}</select>
        <label for="model">Default model (optional)</label>
        <input id="model" name="model" autocomplete="off">
        <button type="submit">Create</button>
        </form>
        {{/canCreate}}
        """

    static let instance = """
        <h1>{{i.subdomain}}</h1>
        <dl class="facts" data-instance-id="{{i.id}}" data-event-cursor="{{cursor}}">
        <dt>Status</dt><dd class="status">{{i.status}}</dd>
        <dt>Health</dt><dd>{{i.healthStatus}}</dd>
        <dt>URL</dt><dd>{{i.url}}</dd>
        <dt>Tier</dt><dd>{{i.tier}}</dd>
        <dt>Paid until</dt><dd><time class="countdown" datetime="{{i.paidUntil}}" id="paid-until">{{i.paidUntil}}</time></dd>
        <dt>Rebuilds left today</dt><dd>{{i.rebuildsLeftToday}}</dd>
        <dt>Default model</dt><dd>{{i.defaultModel}}</dd>
        <dt>Id</dt><dd><code>{{i.id}}</code></dd>
        </dl>
        {{#operation}}<p class="operation" role="status" data-operation="{{id}}" data-finished="{{finished}}">Operation {{kind}}: <strong>{{status}}</strong>{{#error}} — {{error}}{{/error}}</p>{{/operation}}
        <h2>Actions</h2>
        <div class="actions">
        {{#actions}}<form method="post" action="/console/instances/{{i.id}}/{{name}}" class="inline"{{#confirm}} data-confirm="{{confirm}}"{{/confirm}}>
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" name="action" value="{{name}}">{{label}}</button></form>
        {{/actions}}
        </div>
        <form method="post" action="/console/instances/{{i.id}}/backup" class="inline">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Back up now</button></form>
        <p><a href="/console/instances/{{i.id}}/logs">Logs</a> · <a href="/console/backups">Backups</a></p>
        <h2>Events</h2>
        <ol class="events">{{#events}}<li><time>{{at}}</time> {{type}} {{detail}}</li>{{/events}}</ol>
        """

    static let logs = """
        <h1>Logs of {{subdomain}}</h1>
        <p><a href="/console/instances/{{id}}">Back to the instance</a></p>
        <pre id="logs" data-follow="/console/instances/{{id}}/logs/follow">{{text}}</pre>
        """

    static let billing = """
        <h1>Billing</h1>
        <p>Balance: <strong id="balance">{{balance}}</strong></p>
        <h2>Buy Claws</h2>
        <form method="post" action="/console/billing/buy" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="package">Package</label>
        <select id="package" name="package">{{#packages}}<option value="{{id}}">{{name}}: {{claws}} Claws for {{price}}</option>{{/packages}}</select>
        <button type="submit">Request</button>
        </form>
        <h2>Requests</h2>
        <table class="list"><thead><tr><th scope="col">Package</th><th scope="col">Claws</th><th scope="col">State</th><th scope="col">Requested</th></tr></thead>
        <tbody>{{#purchases}}<tr><td>{{package}}</td><td>{{claws}}</td><td>{{status}}</td><td>{{at}}</td></tr>{{/purchases}}</tbody></table>
        <h2>Ledger</h2>
        <table class="list" id="ledger"><thead><tr><th scope="col">When</th><th scope="col">Kind</th><th scope="col">Amount</th><th scope="col">Balance after</th><th scope="col">Description</th></tr></thead>
        <tbody>{{#ledger}}<tr><td>{{at}}</td><td>{{kind}}</td><td>{{amount}}</td><td>{{balanceAfter}}</td><td>{{description}}</td></tr>{{/ledger}}</tbody></table>
        {{#older}}<p><a href="/console/billing?before={{older}}">Older entries</a></p>{{/older}}
        """

    static let keys = """
        <h1>API keys</h1>
        {{#created}}<div class="card secret" role="status"><p>Your new key (shown once, copy it now):</p><p><code id="new-key">{{created}}</code></p></div>{{/created}}
        <form method="post" action="/console/keys" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="name">Name</label><input id="name" name="name" maxlength="64" autocomplete="off">
        <button type="submit">Create a key</button>
        </form>
        <table class="list" id="keys"><thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Created</th><th scope="col">State</th><th scope="col"></th></tr></thead>
        <tbody>{{#keys}}<tr data-key-id="{{id}}"><td>{{name}}</td><td><code>{{prefix}}_…{{last4}}</code></td><td>{{created}}</td><td>{{state}}</td>
        <td>{{#active}}<form method="post" action="/console/keys/{{id}}/revoke" class="inline" data-confirm="Revoke this key? Clients using it stop working.">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Revoke</button></form>{{/active}}</td></tr>{{/keys}}</tbody></table>
        """

    static let admin = """
        <h1>Host</h1>
        <dl class="facts" id="host">{{#status}}<dt>{{name}}</dt><dd>{{value}}</dd>{{/status}}</dl>
        <h2>Orgs</h2>
        <table class="list" id="orgs"><thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Balance</th><th scope="col">Credit</th></tr></thead>
        <tbody>{{#orgs}}<tr data-org-id="{{id}}"><td>{{name}}</td><td><code>{{id}}</code></td><td>{{balance}}</td>
        <td><form method="post" action="/console/admin/orgs/{{id}}/credit" class="inline"><input type="hidden" name="csrf" value="{{csrf}}">
        <label for="credit-{{id}}" class="sr">Credit (cents) for {{name}}</label><input id="credit-{{id}}" name="cents" inputmode="numeric" pattern="[0-9]{1,9}" required size="8">
        <button type="submit">Credit</button></form></td></tr>{{/orgs}}</tbody></table>
        <form method="post" action="/console/admin/orgs" class="card">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="org-name">New org name</label><input id="org-name" name="name" required maxlength="100">
        <button type="submit">Create org</button>
        </form>
        <h2>Purchases to approve</h2>
        <table class="list" id="purchases"><thead><tr><th scope="col">Org</th><th scope="col">Package</th><th scope="col">Claws</th><th scope="col"></th></tr></thead>
        <tbody>{{#purchases}}<tr><td>{{org}}</td><td>{{package}}</td><td>{{claws}}</td><td>
        <form method="post" action="/console/admin/purchases/{{id}}/approve" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Approve</button></form>
        <form method="post" action="/console/admin/purchases/{{id}}/reject" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Reject</button></form>
        </td></tr>{{/purchases}}</tbody></table>
        <p><a href="/console/">Every org's instances</a></p>
        """

    static let backups = """
        <h1>Backups</h1>
        <table class="list" id="backups"><thead><tr><th scope="col">Id</th><th scope="col">Instance</th><th scope="col">Kind</th>
        <th scope="col">State</th><th scope="col">Size</th><th scope="col">SHA-256</th><th scope="col">Taken</th><th scope="col"></th></tr></thead>
        <tbody>{{#backups}}<tr data-backup-id="{{id}}"><td>{{id}}</td><td><a href="/console/instances/{{instanceID}}">{{instanceID}}</a></td>
        <td>{{kind}}</td><td>{{status}}</td><td>{{size}}</td><td><code>{{sha256}}</code></td><td>{{created}}</td>
        <td>{{#restorable}}<form method="post" action="/console/backups/{{id}}/restore" class="inline"
        data-confirm="Restore backup {{id}} (SHA-256 {{sha256}})? The instance stops and its volume is replaced.">
        <input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Restore</button></form>{{/restorable}}</td></tr>{{/backups}}</tbody></table>
        """

    static let agents = """
        <h1>Agents</h1>
        <h2>Groups</h2>
        <table class="list" id="groups"><thead><tr><th scope="col">Group</th><th scope="col">Chats</th><th scope="col">Main</th></tr></thead>
        <tbody>{{#groups}}<tr><td>{{name}}</td><td>{{chats}}</td><td>{{#main}}yes{{/main}}</td></tr>{{/groups}}</tbody></table>
        <h2>Runs</h2>
        <table class="list" id="runs"><thead><tr><th scope="col">Run</th><th scope="col">Group</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Output</th></tr></thead>
        <tbody>{{#runs}}<tr data-run-id="{{id}}"><td><code>{{id}}</code></td><td>{{group}}</td><td>{{kind}}</td><td>{{status}}</td><td>{{created}}</td><td><pre class="output">{{output}}</pre></td></tr>{{/runs}}</tbody></table>
        <h2>Schedules</h2>
        <table class="list" id="schedules"><thead><tr><th scope="col">Name</th><th scope="col">Group</th><th scope="col">Next run</th><th scope="col">State</th><th scope="col"></th></tr></thead>
        <tbody>{{#schedules}}<tr><td>{{name}}</td><td>{{group}}</td><td>{{next}}</td><td>{{status}}</td><td>
        {{#enabled}}<form method="post" action="/console/schedules/{{id}}/pause" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Pause</button></form>{{/enabled}}
        {{^enabled}}<form method="post" action="/console/schedules/{{id}}/resume" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Resume</button></form>{{/enabled}}
        </td></tr>{{/schedules}}</tbody></table>
        <h2>Channels</h2>
        <table class="list" id="channels"><thead><tr><th scope="col">Platform</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last error</th></tr></thead>
        <tbody>{{#channels}}<tr><td>{{name}}</td><td>{{status}}</td><td>{{attempts}}</td><td>{{lastError}}</td></tr>{{/channels}}</tbody></table>
        <h2>Chats</h2>
        <table class="list" id="chats"><thead><tr><th scope="col">Chat</th><th scope="col">Title</th><th scope="col">Group</th></tr></thead>
        <tbody>{{#chats}}<tr><td><code>{{jid}}</code></td><td>{{title}}</td><td>{{group}}</td></tr>{{/chats}}</tbody></table>
        """

    static let error = """
        <h1>{{status}}</h1>
        <p>{{message}}</p>
        <p><a href="/console/">Back</a></p>
        """
}
