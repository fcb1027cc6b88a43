"""The slash commands, grouped by the rule that guards them. Handlers stay thin: read the invocation, check
the rule, defer when the work may touch the network, run the use-case, answer with a presenter's embed."""
