"""Drawings footcore makes itself: the exercise demonstrations (poses of a simple figure) and
the foot map.

Pure code over the standard library and :mod:`footcore.domain`, so that both the web app
and the file formats (``footcore.io``: the PDF handouts) can use it. Nothing here touches
files, the network or the database.

- :mod:`footcore.drawing.geometry`: points, turns and smooth outlines;
- :mod:`footcore.drawing.figure`: the figure's body parts and where a pose puts them;
- :mod:`footcore.drawing.scene`: a demonstration's poses placed on the floor with props,
  pressure marks and arrows, and the timing of the animation;
- :mod:`footcore.drawing.svg`: the drawings as SVG (still frames and the animation);
- :mod:`footcore.drawing.words`: the same movement in words (alternative text);
- :mod:`footcore.drawing.footmap`: a foot with the areas an exercise works highlighted.
"""
