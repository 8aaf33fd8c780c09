"""ui: the Gradio web chat, a thin shell over the same library calls as the CLI."""
