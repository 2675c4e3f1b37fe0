# superopt::kernels: varsort3 (network ships: human benchmark / find = 0.996 in p5 latency)
# made by: superopt network --varsort 3 --symbol superopt_varsort3
# chosen by: bash scripts/find_kernels.sh 90 varsort3 (superopt search --task varsort3 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_varsort3, then superopt bench --task varsort3 found.s --seconds 20)
	.text
	.globl	superopt_varsort3
	.type	superopt_varsort3, @function
	.p2align 6
superopt_varsort3:
	mov (%rdi), %eax
	cmp $2, %eax
	jl .Lsuperopt_varsort3_Lend
	je .Lsuperopt_varsort3_Ln2
	mov 4(%rdi), %eax
	mov 8(%rdi), %ecx
	mov 12(%rdi), %edx
	mov %eax, %esi
	cmp %edx, %eax
	cmovg %edx, %eax
	cmovg %esi, %edx
	mov %eax, %esi
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %esi, %ecx
	mov %ecx, %esi
	cmp %edx, %ecx
	cmovg %edx, %ecx
	cmovg %esi, %edx
	mov %eax, 4(%rdi)
	mov %ecx, 8(%rdi)
	mov %edx, 12(%rdi)
	jmp .Lsuperopt_varsort3_Lend
.Lsuperopt_varsort3_Ln2:
	mov 4(%rdi), %eax
	mov 8(%rdi), %ecx
	mov %eax, %edx
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %edx, %ecx
	mov %eax, 4(%rdi)
	mov %ecx, 8(%rdi)
.Lsuperopt_varsort3_Lend:
	ret
	.size	superopt_varsort3, .-superopt_varsort3
	.section	.note.GNU-stack,"",@progbits
