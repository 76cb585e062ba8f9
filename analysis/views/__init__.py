"""What a person sees: labels and number/period formats, plotly charts, Jupyter displays, file export.
Views never parse text; they draw tidy frames."""
