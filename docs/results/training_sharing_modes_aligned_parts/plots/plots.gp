# Drawn by convneat compare; redraw in this directory with: gnuplot plots.gp (PNG), or
# gnuplot -e "svg=1" plots.gp (SVG)
if (exists("svg")) {
  set terminal svg size 960,600 dynamic noenhanced font 'DejaVu Sans,11'
  ext = '.svg'
} else {
  set terminal pngcairo size 960,600 noenhanced font 'DejaVu Sans,11'
  ext = '.png'
}
set datafile missing 'NaN'
set style boxplot nooutliers
set output 'test_accuracy_aligned_parts_shared'.ext
set title 'Champion test accuracy on aligned_parts_shared (box: quartiles, whiskers 1.5 IQR)'
set xtics ("off_shared\n10/10 runs" 1, "off_local\n10/10 runs" 2, "off_centroid\n10/10 runs" 3, "baldwinian_shared\n10/10 runs" 4, "baldwinian_local\n10/10 runs" 5, "baldwinian_centroid\n10/10 runs" 6, "lamarckian_shared\n10/10 runs" 7, "lamarckian_local\n10/10 runs" 8, "lamarckian_centroid\n10/10 runs" 9, "lamarckian_centroid_evolved_kcp\n10/10 runs" 10) rotate by 30 right
set xrange [0.4:10.6]
set autoscale y
set ylabel 'test accuracy'
unset key
set grid ytics
set bmargin 11
plot for [i=0:9] 'test_accuracy_aligned_parts_shared.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:9] 'test_accuracy_aligned_parts_shared.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq norotate
set autoscale x
set bmargin
set output 'species_aligned_parts_shared'.ext
set title 'Mean species count on aligned_parts_shared (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key below
set grid
set linetype 9 lc rgb '#9400d3' dashtype 2
set linetype 10 lc rgb '#009e73' dashtype 2
plot for [i=2:11] 'species_aligned_parts_shared.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
