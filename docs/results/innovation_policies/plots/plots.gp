# Drawn by convneat compare; redraw with: gnuplot plots.gp (in this directory)
set terminal pngcairo size 960,600 noenhanced font 'DejaVu Sans,11'
set datafile missing 'NaN'
set style boxplot nooutliers
set output 'evaluations_xor.png'
set title 'Evaluations to solve on xor (solved runs; box: quartiles, whiskers 1.5 IQR)'
set xtics ("fresh\n100/100 solved" 1, "per_generation\n100/100 solved" 2, "persistent\n100/100 solved" 3, "node_pair\n100/100 solved" 4)
set xrange [0.4:4.6]
set yrange [0:*]
set ylabel 'evaluations to solve'
unset key
set grid ytics
set bmargin 5
plot for [i=0:3] 'evaluations_xor.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:3] 'evaluations_xor.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq
set autoscale x
set bmargin
set output 'species_xor.png'
set title 'Mean species count on xor (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key top left
set grid
plot for [i=2:5] 'species_xor.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
set output 'evaluations_double_pole.png'
set title 'Evaluations to solve on double_pole (solved runs; box: quartiles, whiskers 1.5 IQR)'
set xtics ("fresh\n100/100 solved" 1, "per_generation\n100/100 solved" 2, "persistent\n100/100 solved" 3, "node_pair\n100/100 solved" 4)
set xrange [0.4:4.6]
set yrange [0:*]
set ylabel 'evaluations to solve'
unset key
set grid ytics
set bmargin 5
plot for [i=0:3] 'evaluations_double_pole.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:3] 'evaluations_double_pole.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq
set autoscale x
set bmargin
set output 'species_double_pole.png'
set title 'Mean species count on double_pole (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key top left
set grid
plot for [i=2:5] 'species_double_pole.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
set output 'evaluations_double_pole_nv.png'
set title 'Evaluations to solve on double_pole_nv (solved runs; box: quartiles, whiskers 1.5 IQR)'
set xtics ("fresh\n100/100 solved" 1, "per_generation\n100/100 solved" 2, "persistent\n100/100 solved" 3, "node_pair\n100/100 solved" 4)
set xrange [0.4:4.6]
set yrange [0:*]
set ylabel 'evaluations to solve'
unset key
set grid ytics
set bmargin 5
plot for [i=0:3] 'evaluations_double_pole_nv.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:3] 'evaluations_double_pole_nv.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq
set autoscale x
set bmargin
set output 'species_double_pole_nv.png'
set title 'Mean species count on double_pole_nv (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key top left
set grid
plot for [i=2:5] 'species_double_pole_nv.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
